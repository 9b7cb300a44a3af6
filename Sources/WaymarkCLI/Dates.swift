import Foundation

/// Dates as people read them, in the organisation's time zone (`WaymarkSettings.timeZone`,
/// resolved once by the command). Stored times are UTC.
struct Dates: Sendable {
    let timeZone: TimeZone

    /// "26 Nov 2026".
    func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    /// A day lookups were counted on ("2026-11-26", UTC) as "26 Nov 2026"; as it came if it is
    /// not such a day. Shown in UTC, the day it was counted in, not moved to another zone.
    static func countedDay(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return day }
        return date.formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, timeZone: .gmt).locale(Locale(identifier: "en_GB")))
    }
}
