import Foundation

/// Dates as people read them, in the organisation's time zone (WAYMARK_TIME_ZONE, default
/// Europe/London). Stored times are UTC.
enum Dates {
    static let timeZone =
        ProcessInfo.processInfo.environment["WAYMARK_TIME_ZONE"].flatMap(TimeZone.init(identifier:))
        ?? TimeZone(identifier: "Europe/London") ?? .gmt

    /// "26 Nov 2026".
    static func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }
}
