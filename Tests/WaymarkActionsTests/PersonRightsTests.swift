import Foundation
import Testing
import WaymarkActions
import WaymarkStore
import WaymarkTestSupport

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum PersonRightsChecks {
    static func nobodyErasesThemselvesAndOthersAreErased(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let admin = try await addPerson("Kit Admin", roles: [.admin], to: store, on: programme)
        _ = try await addPerson("Lou Admin", roles: [.admin], to: store, on: programme)
        let trainee = try await addPerson("Mo Trainee", roles: [.trainee], to: store, on: programme)
        let rights = PersonRights(store: store)
        await #expect(throws: StoreError.refused("You cannot erase your own record. Another admin can do that.")) {
            try await rights.erase(admin.id, by: admin.id, at: start)
        }
        #expect(try await store.person(id: admin.id)?.name == "Kit Admin")
        try await rights.erase(trainee.id, by: admin.id, at: start)
        let erased = try await store.person(id: trainee.id)
        #expect(erased?.name == "Erased")
        #expect(erased?.isActive == false)
    }
}

extension PersonRightsChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("nobodyErasesThemselvesAndOthersAreErased", nobodyErasesThemselvesAndOthersAreErased)
    ])
}
