import Foundation
import Testing
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ConcurrencyChecks {
    /// 8 tasks append to and read the same 4 trainees for two seconds: every append that was
    /// acknowledged is there exactly once, sequences have no gaps, and nobody sees "database is locked".
    static func eightWritersAndReadersLoseAndDuplicateNothing(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        var trainees: [String] = []
        for index in 0..<4 { trainees.append(try await enrolledTrainee(store, name: "T\(index)").id) }
        let ids = trainees
        let deadline = ContinuousClock.now + .seconds(2)

        let acknowledged = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var mine: [String: Int] = [:]
                    var round = 0
                    // Until the deadline, and at least 8 appends each however slow the machine is.
                    while ContinuousClock.now < deadline || mine.values.reduce(0, +) < 8 {
                        let trainee = ids[(worker + round) % ids.count]
                        round += 1
                        let events = try await store.events(traineeID: trainee, programmeID: "p")
                        #expect(events.map(\.sequence) == Array(1...max(events.count, 1)).prefix(events.count).map { $0 })
                        let next = (events.last?.sequence ?? 0) + 1
                        do {
                            try await store.append(
                                [event(next, trainee, .unitRead(moduleID: "w\(worker)"))],
                                summary: summary(trainee, last: next)
                            )
                            mine[trainee, default: 0] += 1
                        } catch StoreError.conflict {
                            continue  // someone else took that number; read again and retry
                        }
                    }
                    return mine
                }
            }
            var total: [String: Int] = [:]
            for try await counts in group { total.merge(counts, uniquingKeysWith: +) }
            return total
        }

        var stored = 0
        for trainee in ids {
            let events = try await store.events(traineeID: trainee, programmeID: "p")
            #expect(events.map(\.sequence) == Array(1...events.count))
            #expect(events.count == acknowledged[trainee] ?? 0)
            stored += events.count
        }
        #expect(stored >= 64)
    }

    /// A snapshot read's statements all see the moment of its first, even while another
    /// transaction commits between them (PostgreSQL's default isolation would not do that).
    static func aSnapshotReadSeesOneMomentWhileOthersWrite(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        _ = try await enrolledTrainee(store, name: "Before")
        let (before, during) = try await store.backend.read(snapshot: true) { db in
            let before = try await db.fetchRows("SELECT id FROM people").count
            _ = try await enrolledTrainee(store, name: "During")
            return (before, try await db.fetchRows("SELECT id FROM people").count)
        }
        #expect(before == 1 && during == 1)
        #expect(try await store.people(withRole: nil).count == 2)
    }

    /// Bookkeeping written without waiting for the disk keeps the rules of any write: one that
    /// fails keeps nothing, and the writes after it wait for the disk again (SQLite's
    /// `synchronous` is back to FULL, 2).
    static func aBookkeepingWriteThatFailsKeepsNothingAndTheNextWaitsForTheDisk(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let person = try await enrolledTrainee(store, name: "Kept")
        await #expect(throws: StoreError.self) {
            try await store.backend.bookkeepingWrite { db in
                try await db.perform(WebSQL.claimSubmission(key: "k1", personID: person.id, at: start))
                throw StoreError.refused("on purpose")
            }
        }
        #expect(try await store.claimSubmission(key: "k1", personID: person.id, at: start) == .first)
        try await store.completeSubmission(key: "k1", location: "/dashboard")
        #expect(try await store.claimSubmission(key: "k1", personID: person.id, at: start) == .repeated(location: "/dashboard"))
        if let sqlite = store.backend as? SQLiteStore {
            #expect(try await sqlite.writeDatabase { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        }
    }

    /// Writes of different operations at once (adding people, enrolling them) each go through:
    /// none runs while another's transaction is open between its statements.
    static func differentWritesAtOnceAllGoThrough(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for round in 0..<50 {
                        let person = try await store.addPerson(
                            NewPerson(name: "W\(worker) \(round)", email: "w\(worker)-\(round)@example.org", roles: [.trainee], passwordHash: nil),
                            at: start
                        )
                        _ = try await store.enrol(Enrolment(traineeID: person.id, programmeID: "p", supervisorID: nil, enrolledAt: start))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.people(withRole: .trainee).count == 400)
    }
}

extension ConcurrencyChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("eightWritersAndReadersLoseAndDuplicateNothing", eightWritersAndReadersLoseAndDuplicateNothing),
        StoreCheck("aSnapshotReadSeesOneMomentWhileOthersWrite", aSnapshotReadSeesOneMomentWhileOthersWrite),
        StoreCheck("differentWritesAtOnceAllGoThrough", differentWritesAtOnceAllGoThrough),
        StoreCheck(
            "aBookkeepingWriteThatFailsKeepsNothingAndTheNextWaitsForTheDisk",
            aBookkeepingWriteThatFailsKeepsNothingAndTheNextWaitsForTheDisk
        ),
    ])
}
