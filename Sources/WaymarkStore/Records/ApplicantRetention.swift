import Foundation

/// How long an applicant nothing came of is kept: someone who applied and went no further (no
/// check, no decision, nothing read) is erased this many days after applying, 183 (six months)
/// unless the organisation says otherwise. The application form tells people so.
public struct ApplicantRetention: Sendable {
    public var days: Int

    public static let defaultDays = 183

    public init(days: Int = ApplicantRetention.defaultDays) {
        self.days = days
    }

    /// Applications made before this moment are old enough to go.
    public func cutoff(now: Date) -> Date {
        now.addingTimeInterval(-Double(days) * 86_400)
    }

    /// The action written to the audit log for each round of removals.
    public static var removedAction: String { "applicants.removed" }
}
