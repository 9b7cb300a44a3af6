import Foundation

/// How often a certificate has been looked up publicly, and on which day last.
public struct LookupCount: Sendable, Hashable {
    /// Lookups in all.
    public var count: Int
    /// The day of the most recent one (`YYYY-MM-DD`, UTC), if any.
    public var lastDay: String?

    /// A count with every field given.
    public init(count: Int, lastDay: String?) {
        self.count = count
        self.lastDay = lastDay
    }
}

/// The public lookups of a certificate on one day, by how it was looked up. Who looked, and
/// when in the day, is not kept: one row per certificate, day and kind, however many looked.
public struct LookupDay: Sendable, Hashable {
    /// The day, `YYYY-MM-DD` in UTC.
    public var day: String
    /// Through the verify page or the printable certificate.
    public var page: Int
    /// Through the signed credential or its JSON.
    public var credential: Int
    /// Through the machine-readable status.
    public var status: Int

    /// Lookups that day, however made (at most `Int.max`, whatever a row holds).
    public var total: Int {
        [credential, status].reduce(page) { sum, count in
            let (added, overflow) = sum.addingReportingOverflow(count)
            return overflow ? (count > 0 ? .max : .min) : added
        }
    }

    /// A day with every field given.
    public init(day: String, page: Int = 0, credential: Int = 0, status: Int = 0) {
        self.day = day
        self.page = page
        self.credential = credential
        self.status = status
    }

    /// The UTC day `date` falls on, as lookups are counted (`YYYY-MM-DD`).
    public static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}

/// How a certificate was looked up.
public enum LookupChannel: String, Sendable, Hashable, Codable {
    /// The verify page or the printable certificate.
    case page
    /// The signed credential or its JSON.
    case credential
    /// The machine-readable status.
    case status
}
