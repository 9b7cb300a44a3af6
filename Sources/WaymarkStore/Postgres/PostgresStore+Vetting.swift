import Foundation
import PostgresNIO
import WaymarkProgress

extension PostgresStore: VettingStore, AuditStore {
    public func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(VettingSQL.upsert(record), logger: logger)
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "vetting.recorded", subjectID: record.traineeID, detail: nil),
                logger: logger
            )
        }
    }

    public func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord? {
        try await transaction { [self] connection in
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: viewerID, action: "vetting.viewed", subjectID: traineeID, detail: nil),
                logger: logger
            )
            return try await connection.fetchFirstRow(VettingSQL.record(traineeID: traineeID), logger: logger).map(VettingSQL.vettingRecord)
        }
    }

    public func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(VettingSQL.addNote(traineeID: traineeID, text: text, by: actorID, at: at), logger: logger)
            // Every change to the DBS record is audited, in the same transaction as the change.
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "vetting.note-added", subjectID: traineeID, detail: nil),
                logger: logger
            )
        }
    }

    public func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote] {
        try await transaction { [self] connection in
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: viewerID, action: "vetting.notes-viewed", subjectID: traineeID, detail: nil),
                logger: logger
            )
            return try await connection.fetchRows(VettingSQL.notes(traineeID: traineeID), logger: logger).map(VettingSQL.vettingNote)
        }
    }

    public func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int {
        try await transaction { [self] connection in
            let count = try await connection.perform(VettingSQL.purgeNotes(recordedBefore: cutoff), logger: logger)
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "vetting.purged", subjectID: nil, detail: "\(count) notes recorded before \(cutoff)"),
                logger: logger
            )
            return count
        }
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await transaction { [self] connection in try await Self.insertAudit(connection, entry, logger: logger) }
    }

    public func auditEntries(subjectID: String) async throws -> [AuditEntry] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(VettingSQL.auditEntries(subjectID: subjectID), logger: logger).map(VettingSQL.auditEntry)
        }
    }

    public func auditLog(_ query: AuditQuery) async throws -> AuditPage {
        let limit = max(0, min(query.limit, 10_000))
        var binds = PostgresBindings()
        binds.append(query.personID)
        binds.append(query.personPattern)
        binds.append(query.action)
        binds.append(query.from?.timeIntervalSince1970)
        binds.append(query.before?.timeIntervalSince1970)
        binds.append(limit + 1)
        binds.append(max(0, query.offset))
        return try await onConnection { [self, binds] connection in
            let rows = try await connection.rows(PostgresQuery(unsafeSQL: AuditQuery.sql, binds: binds), logger: logger)
            let entries = try rows.prefix(limit).map(VettingSQL.auditEntry)
            return AuditPage(entries: entries, hasOlder: rows.count > limit)
        }
    }

    public func auditActions() async throws -> [String] {
        try await onConnection { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: AuditQuery.actionsSQL + " COLLATE \"C\""), logger: logger).map {
                try $0.required("action", as: String.self)
            }
        }
    }

    static func insertAudit(_ connection: PostgresConnection, _ entry: AuditEntry, logger: Logger) async throws {
        try await connection.perform(VettingSQL.insertAudit(entry), logger: logger)
    }
}
