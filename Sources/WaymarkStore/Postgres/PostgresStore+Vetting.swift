import Foundation
import PostgresNIO
import WaymarkProgress

extension PostgresStore: VettingStore, AuditStore {
    public func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            try await connection.run(
                """
                INSERT INTO vetting_records (trainee_id, level, certificate_number, issue_date, decision, decided_by, decided_at)
                VALUES (\(record.traineeID), \(record.level.rawValue), \(record.certificateNumber), \(record.issueDate.timeIntervalSince1970),
                    \(record.decision.rawValue), \(record.decidedBy), \(record.decidedAt.timeIntervalSince1970))
                ON CONFLICT (trainee_id) DO UPDATE SET level = excluded.level, certificate_number = excluded.certificate_number,
                    issue_date = excluded.issue_date, decision = excluded.decision, decided_by = excluded.decided_by,
                    decided_at = excluded.decided_at
                """,
                logger: logger
            )
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "vetting.recorded", subjectID: record.traineeID, detail: nil),
                logger: logger
            )
        }
    }

    public func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord? {
        try await write { [self] connection in
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: viewerID, action: "vetting.viewed", subjectID: traineeID, detail: nil),
                logger: logger
            )
            return try await connection.rows("SELECT * FROM vetting_records WHERE trainee_id = \(traineeID)", logger: logger).first.map { row in
                VettingRecord(
                    traineeID: try row.required("trainee_id"),
                    level: VettingLevel(rawValue: try row.required("level")) ?? .enhanced,
                    certificateNumber: try row.required("certificate_number"),
                    issueDate: try row.requiredDate("issue_date"),
                    decision: SuitabilityDecision(rawValue: try row.required("decision")) ?? .notYet,
                    decidedBy: try row.required("decided_by"),
                    decidedAt: try row.requiredDate("decided_at")
                )
            }
        }
    }

    public func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            try await connection.run(
                "INSERT INTO vetting_notes (trainee_id, text, recorded_by, recorded_at) VALUES (\(traineeID), \(text), \(actorID), \(at.timeIntervalSince1970))",
                logger: logger
            )
            // Every change to the DBS record is audited, in the same transaction as the change.
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "vetting.note-added", subjectID: traineeID, detail: nil),
                logger: logger
            )
        }
    }

    public func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote] {
        try await write { [self] connection in
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: viewerID, action: "vetting.notes-viewed", subjectID: traineeID, detail: nil),
                logger: logger
            )
            return try await connection.rows(
                "SELECT * FROM vetting_notes WHERE trainee_id = \(traineeID) ORDER BY recorded_at, id",
                logger: logger
            ).map { row in
                VettingNote(
                    id: try row.required("id"),
                    traineeID: try row.required("trainee_id"),
                    text: try row.required("text"),
                    recordedBy: try row.required("recorded_by"),
                    recordedAt: try row.requiredDate("recorded_at")
                )
            }
        }
    }

    public func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int {
        try await write { [self] connection in
            let count = try await connection.run(
                "DELETE FROM vetting_notes WHERE recorded_at < \(cutoff.timeIntervalSince1970) RETURNING 1",
                logger: logger
            )
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "vetting.purged", subjectID: nil, detail: "\(count) notes recorded before \(cutoff)"),
                logger: logger
            )
            return count
        }
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await write { [self] connection in try await Self.insertAudit(connection, entry, logger: logger) }
    }

    public func auditEntries(subjectID: String) async throws -> [AuditEntry] {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM audit_log WHERE subject_id = \(subjectID) ORDER BY at DESC, id DESC", logger: logger)
                .map(Self.auditEntry)
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
        return try await read { [self, binds] connection in
            let rows = try await connection.rows(PostgresQuery(unsafeSQL: AuditQuery.sql, binds: binds), logger: logger)
            let entries = try rows.prefix(limit).map(Self.auditEntry)
            return AuditPage(entries: entries, hasOlder: rows.count > limit)
        }
    }

    public func auditActions() async throws -> [String] {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: AuditQuery.actionsSQL + " COLLATE \"C\""), logger: logger).map {
                try $0.required("action", as: String.self)
            }
        }
    }

    static func auditEntry(_ row: PostgresRandomAccessRow) throws -> AuditEntry {
        AuditEntry(
            at: try row.requiredDate("at"),
            actorID: try row.required("actor_id"),
            action: try row.required("action"),
            subjectID: try row.value("subject_id"),
            detail: try row.value("detail")
        )
    }

    static func insertAudit(_ connection: PostgresConnection, _ entry: AuditEntry, logger: Logger) async throws {
        try await connection.run(
            """
            INSERT INTO audit_log (at, actor_id, action, subject_id, detail)
            VALUES (\(entry.at.timeIntervalSince1970), \(entry.actorID), \(entry.action), \(entry.subjectID), \(entry.detail))
            """,
            logger: logger
        )
    }
}
