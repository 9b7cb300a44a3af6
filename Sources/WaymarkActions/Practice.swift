import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// What a trainee logs of their own: hours of practice toward the certificate, and CPD hours
/// toward renewing it.
public struct Practice<Store: TraineeRecordStore>: Sendable {
    /// Where the record is kept.
    public let store: Store

    /// Practice kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// The trainee logs hours of practice on one day, as entry `entryID` (for countersigning).
    /// Refused unless the hours are more than 0 and at most 24.
    public func log(
        _ entryID: String,
        on day: Date,
        hours: Double,
        setting: String,
        by traineeID: String,
        on programme: Programme,
        at now: Date
    ) async throws {
        try await TraineeRecords(store: store).record(
            .practiceLogged(entryID: entryID, on: day, hours: hours, setting: setting),
            for: traineeID,
            on: programme,
            by: traineeID,
            at: now
        )
    }

    /// The trainee logs CPD hours on one day.
    public func logCPD(on day: Date, hours: Double, activity: String, by traineeID: String, on programme: Programme, at now: Date) async throws {
        try await TraineeRecords(store: store).record(.cpdLogged(on: day, hours: hours, activity: activity), for: traineeID, on: programme, by: traineeID, at: now)
    }
}
