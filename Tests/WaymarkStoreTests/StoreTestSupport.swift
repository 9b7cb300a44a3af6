import Foundation
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

let day: TimeInterval = 86_400
let start = Date(timeIntervalSince1970: 1_790_000_000)

/// A trainee enrolled on "p" with an event builder that numbers events.
func enrolledTrainee(_ store: AnyWaymarkStore, name: String = "Sam Trainee", email: String? = nil) async throws -> Person {
    let person = try await store.addPerson(
        NewPerson(name: name, email: email ?? "\(UUID().uuidString)@example.org", roles: [.trainee], passwordHash: nil),
        at: start
    )
    _ = try await store.enrol(Enrolment(traineeID: person.id, programmeID: "p", supervisorID: nil, enrolledAt: start))
    return person
}

func event(_ sequence: Int, _ traineeID: String, _ kind: EventKind, at: Date = start, reason: String? = nil) -> TraineeEvent {
    TraineeEvent(
        sequence: sequence,
        traineeID: traineeID,
        programmeID: "p",
        programmeVersion: "1",
        actorID: "tester",
        at: at.addingTimeInterval(Double(sequence)),
        reason: reason,
        kind: kind
    )
}

func summary(_ traineeID: String, last: Int, stage: Stage = .inTraining, step: String = "Read the first unit") -> TraineeSummary {
    TraineeSummary(
        traineeID: traineeID,
        programmeID: "p",
        stage: stage,
        nextStep: step,
        nextStepActor: .trainee,
        dates: KeyDates(lastActivity: start),
        reflectionsAwaitingReview: 0,
        lastSequence: last
    )
}

/// A store beside a test's own whose schema goes only as far as an older Waymark took it, to
/// test what the later migrations do to a database made before them. `remove()` deletes it.
struct OlderStore {
    let store: AnyWaymarkStore
    private let rest: @Sendable () async throws -> AnyWaymarkStore
    private let cleanUp: @Sendable () async -> Void

    /// Made with every migration up to and including `last`, in `temporary`'s folder or database.
    static func make(beside temporary: TemporaryStore, upTo last: String) async throws -> OlderStore {
        switch temporary.location {
        case .sqlite:
            let path = temporary.folder.appendingPathComponent("older.sqlite").path
            let store = AnyWaymarkStore(try SQLiteStore(path: path, migratingUpTo: last), location: path, migratedNow: [], close: {})
            return OlderStore(
                store: store,
                rest: { AnyWaymarkStore(try SQLiteStore(path: path), location: path, migratedNow: [], close: {}) },
                cleanUp: {}
            )
        case .postgres(var settings):
            settings.schema = (settings.schema ?? "waymark_test_") + "_older"
            let postgres = PostgresStore(settings: settings, logger: StoreLocation.quietLogger)
            let pool = Task { await postgres.run() }
            let store = AnyWaymarkStore(postgres, location: settings.description, migratedNow: []) {
                pool.cancel()
                await pool.value
            }
            let older = OlderStore(
                store: store,
                rest: {
                    _ = try await postgres.migrate()
                    return store
                },
                cleanUp: {
                    try? await store.dropTestSchema()
                    await store.close()
                }
            )
            do {
                _ = try await postgres.migrate(upTo: last)
            } catch {
                await older.remove()
                throw error
            }
            return older
        }
    }

    /// Applies the migrations after the last one it was made with; the store as it is then.
    func migrateTheRest() async throws -> AnyWaymarkStore {
        try await rest()
    }

    func remove() async {
        await cleanUp()
    }
}
