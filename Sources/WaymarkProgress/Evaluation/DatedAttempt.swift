import Foundation

/// An attempt with the time it was submitted (the event's `at`), for retake rules.
public struct DatedAttempt: Sendable, Hashable {
    /// What was answered and how it scored.
    public var record: AttemptRecord
    /// When it was submitted.
    public var at: Date

    /// An attempt taken at this time.
    public init(record: AttemptRecord, at: Date) {
        self.record = record
        self.at = at
    }
}

extension TraineeEvent {
    /// The attempt in this event, with its time, when it is an assessment attempt.
    public var datedAttempt: DatedAttempt? {
        if case .assessmentAttempted(let record) = kind { return DatedAttempt(record: record, at: at) }
        return nil
    }
}
