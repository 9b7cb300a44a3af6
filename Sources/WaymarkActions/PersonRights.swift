import Foundation
import WaymarkStore

/// A person's rights over the data held about them, as an admin (or `people erase`) carries
/// them out: so far erasure (UK GDPR Article 17).
public struct PersonRights<Store: RecordStore>: Sendable {
    /// Where the person's data is kept.
    public let store: Store

    /// Rights over the data kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// Erases the person's personal data in the store's one transaction (see `Erasure`), with
    /// its event and audit entry. Throws `StoreError.refused`, with nothing changed, for the
    /// actor's own record and for the last admin who can sign in.
    public func erase(_ personID: String, by actorID: String, at now: Date) async throws {
        try await store.erasePersonalData(personID: personID, by: actorID, at: now)
    }
}
