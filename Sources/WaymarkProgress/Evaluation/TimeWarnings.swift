import Foundation

extension Progression {
    /// How close to expiry a certificate is flagged.
    public static let expiryWarningDays = 60

    /// The warnings that depend only on the time: supervision overdue once `now` is past the due
    /// date, and a certificate expiring within 60 days (and not yet expired). The store computes
    /// list flags from stored `KeyDates` with this same function, so lists and pages agree.
    public static func timeWarnings(_ dates: KeyDates, now: Date) -> [Warning] {
        var warnings: [Warning] = []
        if let due = dates.supervisionDue, now > due {
            warnings.append(.supervisionOverdue(since: due))
        }
        if let until = dates.certificateValidUntil, until > now,
            until.timeIntervalSince(now) <= Double(expiryWarningDays) * 86_400
        {
            warnings.append(.certificateExpiring(on: until))
        }
        return warnings
    }
}
