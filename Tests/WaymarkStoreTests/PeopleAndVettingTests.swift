import Foundation
import Testing
import WaymarkPasswords
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum PeopleAndVettingChecks {
    static func addsPeopleAndFindsThemByEmailInAnyCase(_ temporary: TemporaryStore) async throws {
        let added = try await temporary.store.addPerson(
            NewPerson(name: "  Ada Coordinator ", email: " Ada@Example.ORG ", roles: [.coordinator, .supervisor], passwordHash: nil),
            at: start
        )
        #expect(added.name == "Ada Coordinator")
        #expect(added.email == "ada@example.org")
        #expect(try await temporary.store.person(email: "ADA@example.org") == added)
        #expect(try await temporary.store.person(id: added.id)?.roles == [.coordinator, .supervisor])
        #expect(try await temporary.store.people(withRole: .supervisor).map(\.id) == [added.id])
        #expect(try await temporary.store.people(withRole: .trainee).isEmpty)
        #expect(try await temporary.store.hasAdmin() == false)
    }

    static func refusesADuplicateEmail(_ temporary: TemporaryStore) async throws {
        _ = try await temporary.store.addPerson(NewPerson(name: "A", email: "a@example.org", roles: [.admin], passwordHash: nil), at: start)
        await #expect(throws: StoreError.duplicateEmail("a@example.org")) {
            try await temporary.store.addPerson(NewPerson(name: "B", email: "A@example.org", roles: [.trainee], passwordHash: nil), at: start)
        }
        #expect(try await temporary.store.hasAdmin())
    }

    static func onlyAnActiveAdminCountsAsHavingAnAdmin(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        _ = try await store.addPerson(NewPerson(name: "T", email: "t@example.org", roles: [.trainee], passwordHash: nil), at: start)
        let admin = try await store.addPerson(
            NewPerson(name: "A", email: "a@example.org", roles: [.coordinator, .admin, .supervisor], passwordHash: nil),
            at: start
        )
        #expect(try await store.hasAdmin())
        try await store.setActive(personID: admin.id, active: false, by: admin.id, at: start)
        #expect(try await store.hasAdmin() == false)
        try await store.setActive(personID: admin.id, active: true, by: admin.id, at: start)
        try await store.setRoles(personID: admin.id, roles: [.coordinator], by: admin.id, at: start)
        #expect(try await store.hasAdmin() == false)
        try await store.checkReachable()
    }

    static func everyReadOfAVettingRecordIsAudited(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let trainee = try await enrolledTrainee(store)
        let coordinator = try await store.addPerson(NewPerson(name: "C", email: "c@example.org", roles: [.coordinator], passwordHash: nil), at: start)
        let record = VettingRecord(
            traineeID: trainee.id,
            level: .enhanced,
            certificateNumber: "001234567890",
            issueDate: start,
            decision: .suitable,
            decidedBy: coordinator.id,
            decidedAt: start
        )
        try await store.recordVetting(record, by: coordinator.id, at: start)

        #expect(try await store.vettingRecord(traineeID: trainee.id, viewedBy: coordinator.id, at: start.addingTimeInterval(60)) == record)
        #expect(try await store.vettingRecord(traineeID: trainee.id, viewedBy: "admin-2", at: start.addingTimeInterval(120)) == record)

        let entries = try await store.auditEntries(subjectID: trainee.id)
        #expect(entries.map(\.action) == ["vetting.viewed", "vetting.viewed", "vetting.recorded"])
        #expect(entries.map(\.actorID) == ["admin-2", coordinator.id, coordinator.id])
    }

    static func purgeRemovesOnlyVettingNotesOlderThanTheCutoff(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let trainee = try await enrolledTrainee(store)
        try await store.addVettingNote(traineeID: trainee.id, text: "old", by: "c", at: start)
        try await store.addVettingNote(traineeID: trainee.id, text: "recent", by: "c", at: start.addingTimeInterval(200 * day))
        let purged = try await store.purgeVettingNotes(
            recordedBefore: start.addingTimeInterval(100 * day),
            by: "system",
            at: start.addingTimeInterval(201 * day)
        )
        #expect(purged == 1)
        #expect(try await store.vettingNotes(traineeID: trainee.id, viewedBy: "c", at: start).map(\.text) == ["recent"])
        let audit = try await store.auditEntries(subjectID: trainee.id).map(\.action)
        #expect(audit.contains("vetting.notes-viewed"))
        #expect(audit.filter { $0 == "vetting.note-added" }.count == 2, "each note added is audited")
    }
}

@Suite struct PeopleAndVettingTests {
    @Test func passwordsAreHashedAndChecked() {
        let passwords = Passwords(cost: 4)
        let hash = passwords.hash("correct horse battery")
        #expect(hash.hasPrefix("$2"))
        #expect(!hash.contains("correct"))
        #expect(passwords.verify("correct horse battery", against: hash))
        #expect(!passwords.verify("wrong horse battery", against: hash))
        #expect(Passwords.problem(with: "short") != nil)
        #expect(Passwords.problem(with: "a long enough phrase") == nil)
    }
}

extension PeopleAndVettingChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("addsPeopleAndFindsThemByEmailInAnyCase", addsPeopleAndFindsThemByEmailInAnyCase),
        StoreCheck("refusesADuplicateEmail", refusesADuplicateEmail),
        StoreCheck("onlyAnActiveAdminCountsAsHavingAnAdmin", onlyAnActiveAdminCountsAsHavingAnAdmin),
        StoreCheck("everyReadOfAVettingRecordIsAudited", everyReadOfAVettingRecordIsAudited),
        StoreCheck("purgeRemovesOnlyVettingNotesOlderThanTheCutoff", purgeRemovesOnlyVettingNotesOlderThanTheCutoff),
    ])
}
