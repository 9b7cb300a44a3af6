import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// Putting trainees on programmes, and keeping the one-line summary of each in step with the
/// record: for the admin's people page, `users add`, `trainees refresh` and the demo cohort.
public struct Enrolments<Store: RecordStore>: Sendable {
    /// Where enrolments and records are kept.
    public let store: Store

    /// Enrolments kept in `store`.
    public init(store: Store) {
        self.store = store
    }

    /// Enrols a trainee and writes their first summary (before any event).
    public func enrol(_ traineeID: String, on programme: Programme, supervisorID: String?, at now: Date) async throws {
        _ = try await store.enrol(Enrolment(traineeID: traineeID, programmeID: programme.id, supervisorID: supervisorID, enrolledAt: now))
        try await rebuildSummary(of: traineeID, on: programme, at: now)
    }

    /// Rewrites a summary from the events, for example after the curriculum changed.
    public func rebuildSummary(of traineeID: String, on programme: Programme, at now: Date) async throws {
        let events = try await store.events(traineeID: traineeID, programmeID: programme.id)
        let status = Progression.evaluate(programme, events, now: now)
        try await store.append(
            [],
            summary: TraineeSummary(traineeID: traineeID, programmeID: programme.id, status: status, lastSequence: events.last?.sequence ?? 0)
        )
    }
}
