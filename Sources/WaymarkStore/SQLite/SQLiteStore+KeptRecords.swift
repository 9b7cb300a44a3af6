import Foundation
import GRDB
import WaymarkProgress

// Kept for `SQLiteStore+Applications.swift`, which still writes an application's rows itself.
extension SQLiteStore {
    static func insertEvents(_ db: Database, _ rows: [(TraineeEvent, EventColumns)]) throws {
        for (event, columns) in rows { try db.performPrepared(RecordSQL.insertEvent(event, columns)) }
    }

    static func saveSummary(_ db: Database, _ summary: TraineeSummary) throws {
        try db.performPrepared(RecordSQL.saveSummary(summary))
    }

    @discardableResult
    static func insertOutbox(_ db: Database, _ mail: [OutboxDraft], at: Date) throws -> Int {
        var written = 0
        for draft in mail {
            written += try db.perform(OutboxSQL.insert(draft, id: UUID().uuidString.lowercased(), at: at))
        }
        return written
    }
}
