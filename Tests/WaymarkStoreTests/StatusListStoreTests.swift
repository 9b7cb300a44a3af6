import Foundation
import Testing
import WaymarkActions
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum StatusListStoreChecks {
    /// A certificate with `code` issued to a new trainee on the quick programme.
    private static func issued(_ code: String, _ temporary: TemporaryStore) async throws
        -> (TraineeRecords<AnyWaymarkStore>, Person, Programme)
    {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store, name: "Robin Holder")
        try await makeEligible(records, trainee.id, on: programme)
        try await records.issueCertificate(code: code, for: trainee.id, on: programme, by: "c", at: start)
        return (records, trainee, programme)
    }

    /// Each certificate gets its own bit in list 1 when it is issued (renewal included), and both
    /// lists of it exist, waiting to be built.
    static func issuingGivesEachCertificateItsOwnBit(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        var slots: [StatusListSlot] = []
        for number in 1...3 {
            let trainee = try await enrolledTrainee(temporary.store, name: "Holder \(number)")
            try await makeEligible(records, trainee.id, on: programme)
            try await records.issueCertificate(code: "WM-BIT-\(number)", for: trainee.id, on: programme, by: "c", at: start)
            slots.append(try #require(try await temporary.store.certificate(code: "WM-BIT-\(number)")?.statusSlot))
        }
        #expect(Set(slots).count == 3)
        #expect(slots.allSatisfy { $0.list == 1 && (0..<StatusListSlot.capacity).contains($0.index) })
        let lists = try await temporary.store.statusLists()
        #expect(lists.map(\.purpose) == [.revocation, .suspension])
        #expect(lists.allSatisfy { $0.list == 1 && $0.needsBuilding(for: "https://x.example") })
    }

    /// A suspension, a reinstatement and a revocation each count the list's version up in their
    /// own transaction, and the bits follow the state.
    static func changesCountTheVersionUpAndTheBitsFollowTheState(_ temporary: TemporaryStore) async throws {
        let (records, trainee, programme) = try await issued("WM-S", temporary)
        let slot = try #require(try await temporary.store.certificate(code: "WM-S")?.statusSlot)
        func bits(_ purpose: StatusPurpose) async throws -> StatusListBits { try await temporary.store.statusListBits(slot.list, purpose: purpose) }

        let issued = try await bits(.suspension)
        #expect(issued.setIndexes.isEmpty)
        try await records.suspendCertificate("WM-S", of: trainee.id, on: programme, by: "c", reason: "Checking", at: start + day)
        let suspended = try await bits(.suspension)
        #expect(suspended.setIndexes == [slot.index] && suspended.version > issued.version)
        #expect(try await bits(.revocation).setIndexes.isEmpty)
        try await records.reinstateCertificate("WM-S", of: trainee.id, on: programme, by: "c", at: start + 2 * day)
        let reinstated = try await bits(.suspension)
        #expect(reinstated.setIndexes.isEmpty && reinstated.version > suspended.version)
        try await records.revokeCertificate("WM-S", of: trainee.id, on: programme, by: "c", reason: "Withdrawn", at: start + 3 * day)
        #expect(try await bits(.revocation).setIndexes == [slot.index])
    }

    /// Two servers building at once: the list from the later version is kept, whichever is
    /// saved last; a list naming another site is always replaced.
    static func theListBuiltFromTheLaterVersionIsKept(_ temporary: TemporaryStore) async throws {
        let (records, trainee, programme) = try await issued("WM-K", temporary)
        try await records.suspendCertificate("WM-K", of: trainee.id, on: programme, by: "c", reason: "Checking", at: start)
        let version = try await temporary.store.statusListBits(1, purpose: .suspension).version
        let site = "https://mentors.example.org"
        let newer = StoredStatusList.Built(jwt: "newer", version: version, at: start + 10, issuerID: site)
        try await temporary.store.saveStatusList(1, purpose: .suspension, built: newer)
        try await temporary.store.saveStatusList(1, purpose: .suspension, built: .init(jwt: "older", version: version - 1, at: start + 20, issuerID: site))
        let kept = try #require(try await temporary.store.statusList(1, purpose: .suspension))
        #expect(kept.built == newer)
        #expect(!kept.needsBuilding(for: site) && kept.needsBuilding(for: "http://localhost:8080"))
        let elsewhere = StoredStatusList.Built(jwt: "elsewhere", version: version - 1, at: start, issuerID: "http://localhost:8080")
        try await temporary.store.saveStatusList(1, purpose: .suspension, built: elsewhere)
        #expect(try await temporary.store.statusList(1, purpose: .suspension)?.built == elsewhere)
        #expect(try await temporary.store.statusList(1, purpose: .revocation)?.built == nil)
        #expect(try await temporary.store.statusList(2, purpose: .revocation) == nil)
    }

    /// Certificates from before the lists get a bit each in the migration: in list 1, all
    /// different, and both lists wait to be built.
    static func theMigrationGivesEveryEarlierCertificateItsOwnBit(_ temporary: TemporaryStore) async throws {
        let older = try await OlderStore.make(beside: temporary, upTo: "009-counter-expiry")
        do {
            try await older.store.execute(
                unsafeSQL: "INSERT INTO people (id, name, email, roles, created_at) VALUES ('p-1', 'Robin Holder', 'robin@example.org', 'trainee', 0)"
            )
            for number in 1...20 {
                try await older.store.execute(
                    unsafeSQL: """
                        INSERT INTO certificates (code, trainee_id, programme_id, programme_version, holder_name, title, description,
                            criteria, issued_at, state)
                        VALUES ('WM-OLD-\(number)', 'p-1', 'p', '1', 'Robin Holder', 'Certified', 'd', 'c', \(number), 'active')
                        """
                )
            }
            let migrated = try await older.migrateTheRest()
            var slots: [StatusListSlot] = []
            for number in 1...20 {
                slots.append(try #require(try await migrated.certificate(code: "WM-OLD-\(number)")?.statusSlot))
            }
            #expect(Set(slots).count == 20)
            #expect(slots.allSatisfy { $0.list == 1 })
            // Random, not in the order they were issued.
            #expect(slots.map(\.index) != slots.map(\.index).sorted())
            let lists = try await migrated.statusLists()
            #expect(lists.map(\.purpose) == [.revocation, .suspension])
            #expect(lists.allSatisfy { $0.needsBuilding(for: "https://mentors.example.org") })
        } catch {
            await older.remove()
            throw error
        }
        await older.remove()
    }
}

extension StatusListStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("issuingGivesEachCertificateItsOwnBit", issuingGivesEachCertificateItsOwnBit),
        StoreCheck("changesCountTheVersionUpAndTheBitsFollowTheState", changesCountTheVersionUpAndTheBitsFollowTheState),
        StoreCheck("theListBuiltFromTheLaterVersionIsKept", theListBuiltFromTheLaterVersionIsKept),
        StoreCheck("theMigrationGivesEveryEarlierCertificateItsOwnBit", theMigrationGivesEveryEarlierCertificateItsOwnBit),
    ])
}
