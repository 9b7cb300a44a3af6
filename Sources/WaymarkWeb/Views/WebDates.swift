import Foundation

/// Dates as people read them, in the organisation's time zone (stored times are UTC). The zone
/// is chosen once at start-up and handed to `Web`; nothing here reads the environment.
public struct WebDates: Sendable {
    /// Where Waymark is used unless it is told otherwise.
    public static let standardTimeZone = TimeZone(identifier: "Europe/London") ?? .gmt

    public let timeZone: TimeZone

    public init(timeZone: TimeZone = WebDates.standardTimeZone) {
        self.timeZone = timeZone
    }

    func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    func dayAndTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    /// "2026-11-26" for date inputs, in the organisation's time zone.
    func input(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Reads a date input ("2026-11-26") as noon in the organisation's time zone; nil for a day
    /// that does not exist (the 31st of February is not quietly moved into March) or a year
    /// outside 1900 to 2200.
    func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let year = RequestNumbers.whole(parts[0], in: 1900...2200),
            let month = RequestNumbers.whole(parts[1], in: 1...12), let day = RequestNumbers.whole(parts[2], in: 1...31)
        else { return nil }
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        return date
    }

    /// The Gregorian calendar in the organisation's time zone, where its days begin and end.
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
