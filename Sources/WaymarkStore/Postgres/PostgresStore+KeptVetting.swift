import PostgresNIO

extension PostgresStore {
    // Still used by PostgresStore+Records.swift (erasure) and +Outbox.swift until they are written once.
    static func insertAudit(_ connection: PostgresConnection, _ entry: AuditEntry, logger: Logger) async throws {
        try await connection.perform(VettingSQL.insertAudit(entry), logger: logger)
    }
}
