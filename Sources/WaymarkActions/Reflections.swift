import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// Reflections: the trainee sends one written on its own page, and a coordinator reads it and
/// accepts it or sends it back.
public struct Reflections<Store: TraineeRecordStore & WebStore>: Sendable {
    /// Where the record and the trainee's drafts are kept.
    public let store: Store

    /// Reflections kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The trainee sends a reflection on `promptID`; the draft of it, if any, goes.
    public func send(_ text: String, on promptID: String, by traineeID: String, on programme: Programme, at now: Date) async throws {
        try await TraineeRecords(store: store).record(
            .reflectionSubmitted(promptID: promptID, text: text),
            for: traineeID,
            on: programme,
            by: traineeID,
            at: now
        )
        try await store.deleteDraft(traineeID: traineeID, programmeID: programme.id, promptID: promptID)
    }

    /// A coordinator reviews the trainee's reflection on `promptID`. Only a reflection sent back
    /// is worth an email (`sentBackMail`, written to the outbox with the review); the feedback
    /// itself stays on the site.
    public func review(
        _ promptID: String,
        outcome: ReviewOutcome,
        feedback: String,
        of traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date,
        sentBackMail: OutboxDraft
    ) async throws {
        try await TraineeRecords(store: store).record(
            .reflectionReviewed(promptID: promptID, outcome: outcome, feedback: feedback),
            for: traineeID,
            on: programme,
            by: actorID,
            at: now,
            mail: outcome == .revisit ? [sentBackMail] : []
        )
    }
}
