import Foundation
import WaymarkProgress

/// The writes a change to a trainee's record makes, in the caller's transaction.
extension SQLSession {
    /// Prepared once per connection: every answer a trainee sends writes these rows.
    func insertEvents(_ rows: [(TraineeEvent, EventColumns)]) async throws {
        for (event, columns) in rows { try await performPrepared(RecordSQL.insertEvent(event, columns)) }
    }

    func saveSummary(_ summary: TraineeSummary) async throws {
        try await performPrepared(RecordSQL.saveSummary(summary))
    }
}
