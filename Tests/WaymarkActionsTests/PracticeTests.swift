import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum PracticeChecks {
    static func hoursBeyondADayAreRefusedWithNothingRecorded(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let trainee = try await addPerson("Hal Trainee", roles: [.trainee], to: store, on: programme)
        let practice = Practice(store: store)
        await #expect(throws: StoreError.invalid("Practice hours for one day must be more than 0 and at most 24.")) {
            try await practice.log("entry-1", on: start, hours: 25, setting: "drop-in centre", by: trainee.id, on: programme, at: start)
        }
        #expect(try await store.events(traineeID: trainee.id, programmeID: programme.id).isEmpty)
        try await practice.log("entry-2", on: start, hours: 1.5, setting: "drop-in centre", by: trainee.id, on: programme, at: start)
        let events = try await store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.kind) == [.practiceLogged(entryID: "entry-2", on: start, hours: 1.5, setting: "drop-in centre")])
        #expect(events.first?.actorID == trainee.id)
    }

    static func aSupervisorCountersignsAsThemselves(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let trainee = try await addPerson("Ida Trainee", roles: [.trainee], to: store, on: programme)
        let supervisor = try await addPerson("Jo Supervisor", roles: [.supervisor], to: store, on: programme)
        try await Practice(store: store).log("entry-1", on: start, hours: 2, setting: "hostel", by: trainee.id, on: programme, at: start)
        try await Supervision(store: store).countersign("entry-1", of: trainee.id, on: programme, by: supervisor.id, at: start)
        try await Supervision(store: store).recordSession(
            on: start, minutes: 60, wellbeing: .good, with: trainee.id, on: programme, by: supervisor.id, at: start
        )
        let events = try await store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.dropFirst().map(\.kind) == [
            .practiceCountersigned(entryID: "entry-1"),
            .supervisionRecorded(on: start, minutes: 60, supervisorID: supervisor.id, wellbeing: .good),
        ])
        #expect(events.dropFirst().allSatisfy { $0.actorID == supervisor.id })
    }
}

extension PracticeChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("hoursBeyondADayAreRefusedWithNothingRecorded", hoursBeyondADayAreRefusedWithNothingRecorded),
        StoreCheck("aSupervisorCountersignsAsThemselves", aSupervisorCountersignsAsThemselves),
    ])
}
