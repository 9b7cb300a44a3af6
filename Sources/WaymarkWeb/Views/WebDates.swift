import Foundation

/// Dates as people read them, in the organisation's time zone (stored times are UTC).
enum WebDates {
    static let timeZone =
        ProcessInfo.processInfo.environment["WAYMARK_TIME_ZONE"].flatMap(TimeZone.init(identifier:))
        ?? TimeZone(identifier: "Europe/London") ?? .gmt

    static func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    static func dayAndTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    /// "2026-11-26" for date inputs, in the organisation's time zone.
    static func input(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Reads a date input ("2026-11-26") as noon in the organisation's time zone; nil when it is not a real day.
    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)) else { return nil }
        // The calendar rolls 31 February over to March; a day that does not exist is refused instead.
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == parts[0], back.month == parts[1], back.day == parts[2] else { return nil }
        return date
    }
}
