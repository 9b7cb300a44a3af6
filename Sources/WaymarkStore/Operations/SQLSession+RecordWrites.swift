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

    /// Writes emails with whatever causes them; a draft whose `onceKey` is taken is left out.
    /// Returns how many were written.
    @discardableResult
    func insertOutbox(_ mail: [OutboxDraft], at: Date) async throws -> Int {
        var written = 0
        for draft in mail {
            written += try await perform(OutboxSQL.insert(draft, id: UUID().uuidString.lowercased(), at: at))
        }
        return written
    }
}
