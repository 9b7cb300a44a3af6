import Foundation
import WaymarkStore

/// A person's rights over the data held about them, as an admin (or `people erase`) carries
/// them out: a copy of everything held (UK GDPR Article 15) and erasure (Article 17).
public struct PersonRights<Store: WaymarkStore>: Sendable {
    /// Where the person's data is kept.
    public let store: Store

    /// Rights over the data kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// Everything held about the person, or nil when there is nobody with that id. The look is
    /// written in the audit log, as every look at a DBS record is.
    public func copy(of personID: String, by viewerID: String, at now: Date) async throws -> PersonalData? {
        try await PersonalDataReader(store: store).read(personID: personID, by: viewerID, at: now)
    }

    /// Erases the person's personal data in the store's one transaction (see `Erasure`), with
    /// its event and audit entry. Throws `StoreError.refused`, with nothing changed, for the
    /// actor's own record and for the last admin who can sign in.
    public func erase(_ personID: String, by actorID: String, at now: Date) async throws {
        try await store.erasePersonalData(personID: personID, by: actorID, at: now)
    }

    /// Erases every applicant past `retention`'s cutoff, each through `erase` (so each erasure is
    /// an event and an audit entry of its own, naming nobody), then writes one audit entry saying
    /// how many went and why. Returns how many went.
    @discardableResult
    public func removeStaleApplicants(_ retention: ApplicantRetention, at now: Date) async throws -> Int {
        let stale = try await store.staleApplicants(appliedBefore: retention.cutoff(now: now))
        for personID in stale {
            try await erase(personID, by: "system", at: now)
        }
        if !stale.isEmpty {
            let noun = stale.count == 1 ? "applicant" : "applicants"
            try await store.audit(
                AuditEntry(
                    at: now,
                    actorID: "system",
                    action: ApplicantRetention.removedAction,
                    subjectID: nil,
                    detail: "\(stale.count) \(noun) who went no further than applying, after \(retention.days) days"
                )
            )
        }
        return stale.count
    }
}
