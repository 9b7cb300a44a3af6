import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// Working through the modules: the trainee reads a unit and sends its check; a coordinator
/// allows another try at a check whose tries are used up.
public struct Training<Store: TraineeRecordStore & WebStore>: Sendable {
    /// Where the record and the trainee's drafts are kept.
    public let store: Store

    /// Training kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The trainee has read a module's unit. `history` is their record on the programme, if the
    /// caller has just read it (see `TraineeRecords.record`'s `known`).
    public func readUnit(_ moduleID: String, by traineeID: String, on programme: Programme, history: [TraineeEvent]? = nil, at now: Date) async throws {
        try await TraineeRecords(store: store).record([.unitRead(moduleID: moduleID)], for: traineeID, on: programme, by: traineeID, at: now, known: history)
    }

    /// The trainee sends a scored try at `assessment`. Reflections written in it are sent to a
    /// coordinator in the same step (nobody writes them twice), and their drafts go.
    public func sendCheck(
        _ attempt: AttemptRecord,
        at assessment: Assessment,
        history: [TraineeEvent],
        by traineeID: String,
        on programme: Programme,
        at now: Date
    ) async throws {
        let reflections = Progression.reflectionSubmissions(in: attempt, of: assessment, history: history)
        try await TraineeRecords(store: store).record(
            [.assessmentAttempted(attempt)] + reflections,
            for: traineeID,
            on: programme,
            by: traineeID,
            at: now,
            known: history
        )
        for case .reflectionSubmitted(let promptID, _) in reflections {
            try await store.deleteDraft(traineeID: traineeID, programmeID: programme.id, promptID: promptID)
        }
    }

    /// A coordinator allows one more try at an assessment, and says why. Refused for an
    /// assessment the programme does not have.
    public func allowAnotherTry(
        at assessmentID: String,
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String,
        at now: Date
    ) async throws {
        try await TraineeRecords(store: store).record(
            .anotherTryAllowed(assessmentID: assessmentID),
            for: traineeID,
            on: programme,
            by: actorID,
            reason: reason,
            at: now
        )
    }
}
