import Foundation

/// Date arithmetic in UTC, so the engine gives the same answer on every server.
enum CalendarMath {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        if let utc = TimeZone(secondsFromGMT: 0) { calendar.timeZone = utc }
        return calendar
    }()

    /// The date `days` whole days later.
    static func adding(days: Int, to date: Date) -> Date {
        date.addingTimeInterval(Double(days) * 86_400)
    }

    /// The same time of day `months` calendar months later (negative for earlier).
    static func adding(months: Int, to date: Date) -> Date {
        calendar.date(byAdding: .month, value: months, to: date) ?? date.addingTimeInterval(Double(months) * 30.44 * 86_400)
    }
}
