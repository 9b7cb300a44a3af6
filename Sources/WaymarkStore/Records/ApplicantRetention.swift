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

    /// Erases every applicant past the cutoff through the erasure path (so each erasure is an
    /// event and an audit entry of its own, naming nobody), then writes one audit entry saying
    /// how many went and why. Returns how many went.
    @discardableResult
    public func removeStale<Store: WaymarkStore>(from store: Store, at now: Date) async throws -> Int {
        let stale = try await store.staleApplicants(appliedBefore: cutoff(now: now))
        for personID in stale {
            try await store.erasePersonalData(personID: personID, by: "system", at: now)
        }
        if !stale.isEmpty {
            let noun = stale.count == 1 ? "applicant" : "applicants"
            try await store.audit(
                AuditEntry(
                    at: now,
                    actorID: "system",
                    action: Self.removedAction,
                    subjectID: nil,
                    detail: "\(stale.count) \(noun) who went no further than applying, after \(days) days"
                )
            )
        }
        return stale.count
    }
}
