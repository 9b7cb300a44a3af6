import Foundation
import Testing
import WaymarkActions
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum TraineeRecordsChecks {
    static func eachEventUpdatesTheSummaryInTheSameStep(_ temporary: TemporaryStore) async throws {
        let programme = try peerMentoring()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await addPerson("Kim", roles: [.trainee], to: temporary.store, on: programme)

        var page = try await temporary.store.summaries(programmeID: programme.id, stage: nil, offset: 0, limit: 10)
        #expect(page.summaries.map(\.stage) == [.applicant])
        #expect(page.summaries.map(\.lastSequence) == [0])

        let status = try await records.record(.applicationSubmitted, for: trainee.id, on: programme, by: trainee.id, at: start)
        page = try await temporary.store.summaries(programmeID: programme.id, stage: nil, offset: 0, limit: 10)
        #expect(page.summaries.first?.stage == status.stage)
        #expect(page.summaries.first?.nextStep == status.nextSteps.first?.staffText)
        #expect(page.summaries.first?.lastSequence == 1)

        for check in programme.recruitment {
            for _ in 0..<check.count {
                try await records.record(
                    .checkRecorded(checkID: check.id, outcome: .complete, note: nil),
                    for: trainee.id,
                    on: programme,
                    by: "c",
                    at: start
                )
            }
        }
        try await records.record(
            .suitabilityDecided(decision: .suitable, revisitOn: nil),
            for: trainee.id,
            on: programme,
            by: "c",
            reason: "Good references and a clear wish to help",
            at: start
        )
        page = try await temporary.store.summaries(programmeID: programme.id, stage: nil, offset: 0, limit: 10)
        #expect(page.summaries.first?.stage == .inTraining)
        let events = try await temporary.store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.sequence) == Array(1...events.count))
        #expect(events.allSatisfy { $0.programmeVersion == programme.version })
        #expect(events.last?.reason == "Good references and a clear wish to help")
    }

    static func refusesNotesOnAVettingCheck(_ temporary: TemporaryStore) async throws {
        let programme = try peerMentoring()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await addPerson("Lee", roles: [.trainee], to: temporary.store, on: programme)
        await #expect(throws: StoreError.self) {
            try await records.record(
                .checkRecorded(checkID: "vetting", outcome: .complete, note: "a conviction in 2015"),
                for: trainee.id,
                on: programme,
                by: "c",
                at: start
            )
        }
        try await records.record(
            .checkRecorded(checkID: "vetting", outcome: .complete, note: nil),
            for: trainee.id,
            on: programme,
            by: "c",
            at: start
        )
        #expect(try await temporary.store.events(traineeID: trainee.id, programmeID: programme.id).count == 1)
    }

    static func twoWritersAtOnceBothLandInOrder(_ temporary: TemporaryStore) async throws {
        let programme = try peerMentoring()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await addPerson("Max", roles: [.trainee], to: temporary.store, on: programme)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await records.record(.unitRead(moduleID: "role"), for: trainee.id, on: programme, by: "t\(index)", at: start)
                }
            }
            try await group.waitForAll()
        }
        let events = try await temporary.store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.sequence) == Array(1...20))
        #expect(Set(events.map(\.actorID)).count == 20)
    }

    /// A page that acts hands over the record it has just read. When someone appended since,
    /// the event still lands after theirs, with the summary worked out from the whole record.
    static func aRecordReadBeforeSomeoneElseAppendedIsReadAgain(_ temporary: TemporaryStore) async throws {
        let programme = try peerMentoring()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await addPerson("Nia", roles: [.trainee], to: temporary.store, on: programme)
        let pageRead = try await temporary.store.eventsForProgress(traineeID: trainee.id, programmeID: programme.id)
        try await records.record(.applicationSubmitted, for: trainee.id, on: programme, by: trainee.id, at: start)
        let status = try await records.record(
            [.unitRead(moduleID: "role")],
            for: trainee.id,
            on: programme,
            by: trainee.id,
            at: start,
            known: pageRead
        )
        let events = try await temporary.store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.sequence) == [1, 2])
        #expect(events.map(\.kind) == [.applicationSubmitted, .unitRead(moduleID: "role")])
        #expect(status == Progression.evaluate(programme, events, now: start))
        let page = try await temporary.store.summaries(programmeID: programme.id, stage: nil, offset: 0, limit: 10)
        #expect(page.summaries.first?.lastSequence == 2)

        // Up to date, it is used as it is.
        let current = try await temporary.store.eventsForProgress(traineeID: trainee.id, programmeID: programme.id)
        try await records.record([.unitRead(moduleID: "lived-experience")], for: trainee.id, on: programme, by: trainee.id, at: start, known: current)
        #expect(try await temporary.store.events(traineeID: trainee.id, programmeID: programme.id).map(\.sequence) == [1, 2, 3])
    }
}

extension TraineeRecordsChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("eachEventUpdatesTheSummaryInTheSameStep", eachEventUpdatesTheSummaryInTheSameStep),
        StoreCheck("refusesNotesOnAVettingCheck", refusesNotesOnAVettingCheck),
        StoreCheck("twoWritersAtOnceBothLandInOrder", twoWritersAtOnceBothLandInOrder),
        StoreCheck("aRecordReadBeforeSomeoneElseAppendedIsReadAgain", aRecordReadBeforeSomeoneElseAppendedIsReadAgain),
    ])
}
