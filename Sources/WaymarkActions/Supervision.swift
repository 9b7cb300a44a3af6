import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// What a supervisor records about a mentee in practice: a supervision session, and their
/// countersignature on hours the mentee logged.
public struct Supervision<Store: TraineeRecordStore>: Sendable {
    /// Where the record is kept.
    public let store: Store

    /// Supervision kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The supervisor records a session with the trainee, and how the trainee is doing.
    public func recordSession(
        on day: Date,
        minutes: Int,
        wellbeing: WellbeingCheck,
        with traineeID: String,
        on programme: Programme,
        by supervisorID: String,
        at now: Date
    ) async throws {
        try await TraineeRecords(store: store).record(
            .supervisionRecorded(on: day, minutes: minutes, supervisorID: supervisorID, wellbeing: wellbeing),
            for: traineeID,
            on: programme,
            by: supervisorID,
            at: now
        )
    }

    /// The supervisor countersigns the practice entry `entryID` the trainee logged.
    public func countersign(_ entryID: String, of traineeID: String, on programme: Programme, by supervisorID: String, at now: Date) async throws {
        try await TraineeRecords(store: store).record(.practiceCountersigned(entryID: entryID), for: traineeID, on: programme, by: supervisorID, at: now)
    }
}
