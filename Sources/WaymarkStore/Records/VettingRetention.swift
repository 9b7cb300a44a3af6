import Foundation

/// How long vetting working notes are kept (six months unless the organisation says otherwise).
public struct VettingRetention: Sendable {
    public var months: Int

    public init(months: Int = 6) {
        self.months = months
    }

    /// Notes recorded before this moment are purged.
    public func cutoff(now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(byAdding: .month, value: -months, to: now) ?? now.addingTimeInterval(-Double(months) * 30 * 86_400)
    }
}
