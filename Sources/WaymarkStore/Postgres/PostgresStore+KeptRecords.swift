import Foundation
import Logging
import PostgresNIO
import WaymarkProgress

// Kept for `PostgresStore+Applications.swift`, which still writes an application's rows itself.
extension PostgresStore {
    static func insertEvents(_ connection: PostgresConnection, _ rows: [(TraineeEvent, EventColumns)], logger: Logger) async throws {
        for (event, columns) in rows { try await connection.perform(RecordSQL.insertEvent(event, columns), logger: logger) }
    }

    static func saveSummary(_ connection: PostgresConnection, _ summary: TraineeSummary, logger: Logger) async throws {
        try await connection.perform(RecordSQL.saveSummary(summary), logger: logger)
    }

    @discardableResult
    static func insertOutbox(_ connection: PostgresConnection, _ mail: [OutboxDraft], at: Date, logger: Logger) async throws -> Int {
        var written = 0
        for draft in mail {
            written += try await connection.perform(OutboxSQL.insert(draft, id: UUID().uuidString.lowercased(), at: at), logger: logger)
        }
        return written
    }
}
