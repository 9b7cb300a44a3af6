import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum RecruitmentChecks {
    static func theDBSRecordCompletesTheVettingCheckOnce(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let coordinator = try await addPerson("Cass Coordinator", roles: [.coordinator], to: store, on: programme)
        let trainee = try await addPerson("Dee Trainee", roles: [.trainee], to: store, on: programme)
        let recruitment = Recruitment(store: store)
        for decision in [SuitabilityDecision.notYet, .suitable] {
            let vetting = VettingRecord(
                traineeID: trainee.id,
                level: .enhanced,
                certificateNumber: "001234567890",
                issueDate: start,
                decision: decision,
                decidedBy: coordinator.id,
                decidedAt: start
            )
            try await recruitment.recordVetting(vetting, on: programme, by: coordinator.id, at: start)
        }
        let events = try await store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.kind) == [.checkRecorded(checkID: "vetting", outcome: .complete, note: nil)])
        #expect(events.first?.actorID == coordinator.id)
        let kept = try await store.vettingRecord(traineeID: trainee.id, viewedBy: coordinator.id, at: start)
        #expect(kept?.decision == .suitable)
    }

    static func aDecisionKeepsItsRationale(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let programme = try peerMentoring()
        let trainee = try await addPerson("Eli Trainee", roles: [.trainee], to: store, on: programme)
        let revisit = start + 30 * 86_400
        try await Recruitment(store: store).decide(.notYet, revisitOn: revisit, rationale: "Talk again after the move", for: trainee.id, on: programme, by: "c", at: start)
        let events = try await store.events(traineeID: trainee.id, programmeID: programme.id)
        #expect(events.map(\.kind) == [.suitabilityDecided(decision: .notYet, revisitOn: revisit)])
        #expect(events.first?.reason == "Talk again after the move")
    }
}

extension RecruitmentChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("theDBSRecordCompletesTheVettingCheckOnce", theDBSRecordCompletesTheVettingCheckOnce),
        StoreCheck("aDecisionKeepsItsRationale", aDecisionKeepsItsRationale),
    ])
}
