import GRDB

extension SQLiteStore {
    // Still used by SQLiteStore+Records.swift (erasure) and +Outbox.swift until they are written once.
    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.perform(VettingSQL.insertAudit(entry))
    }
}
