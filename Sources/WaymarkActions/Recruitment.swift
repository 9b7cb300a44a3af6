import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// Getting from an application to the start of training: the trainee applies, a coordinator
/// records the recruitment checks (the DBS check among them) and decides whether they are
/// suitable to start.
public struct Recruitment<Store: TraineeRecordStore & VettingStore>: Sendable {
    /// Where the record and the DBS record are kept.
    public let store: Store

    /// Recruitment kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The trainee sends their application, with a note to the coordinator (`nil` for none).
    public func apply(_ traineeID: String, on programme: Programme, note: String?, at now: Date) async throws {
        try await TraineeRecords(store: store).record(.applicationSubmitted, for: traineeID, on: programme, by: traineeID, reason: note, at: now)
    }

    /// A coordinator records the outcome of one recruitment check. Refused for a check the
    /// programme does not have, and for a note on the DBS check, which keeps no free text.
    public func recordCheck(
        _ checkID: String,
        outcome: CheckOutcome,
        note: String?,
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date
    ) async throws {
        try await TraineeRecords(store: store).record(
            .checkRecorded(checkID: checkID, outcome: outcome, note: note),
            for: traineeID,
            on: programme,
            by: actorID,
            at: now
        )
    }

    /// A coordinator records the DBS record. It is the programme's vetting check too: the first
    /// time, that check is recorded complete, so nobody records the same check twice.
    public func recordVetting(_ vetting: VettingRecord, on programme: Programme, by actorID: String, at now: Date) async throws {
        try await store.recordVetting(vetting, by: actorID, at: now)
        guard let check = programme.recruitment.first(where: { $0.kind == .vetting }) else { return }
        let completed = EventKind.checkRecorded(checkID: check.id, outcome: .complete, note: nil)
        let events = try await store.eventsForProgress(traineeID: vetting.traineeID, programmeID: programme.id)
        guard !events.contains(where: { $0.kind == completed }) else { return }
        try await TraineeRecords(store: store).record(completed, for: vetting.traineeID, on: programme, by: actorID, at: now)
    }

    /// A coordinator decides whether the trainee is suitable to start training, and why.
    public func decide(
        _ decision: SuitabilityDecision,
        revisitOn: Date?,
        rationale: String,
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date
    ) async throws {
        try await TraineeRecords(store: store).record(
            .suitabilityDecided(decision: decision, revisitOn: revisitOn),
            for: traineeID,
            on: programme,
            by: actorID,
            reason: rationale,
            at: now
        )
    }
}
