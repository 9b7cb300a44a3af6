import Foundation
import GRDB
import WaymarkProgress

extension SQLiteStore: VettingStore, AuditStore {
    public func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO vetting_records (trainee_id, level, certificate_number, issue_date, decision, decided_by, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (trainee_id) DO UPDATE SET level = excluded.level, certificate_number = excluded.certificate_number,
                        issue_date = excluded.issue_date, decision = excluded.decision, decided_by = excluded.decided_by,
                        decided_at = excluded.decided_at
                    """,
                arguments: [
                    record.traineeID, record.level.rawValue, record.certificateNumber, record.issueDate.timeIntervalSince1970,
                    record.decision.rawValue, record.decidedBy, record.decidedAt.timeIntervalSince1970,
                ]
            )
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "vetting.recorded", subjectID: record.traineeID, detail: nil))
        }
    }

    public func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord? {
        try await write { db in
            try Self.insertAudit(db, AuditEntry(at: at, actorID: viewerID, action: "vetting.viewed", subjectID: traineeID, detail: nil))
            return try Row.fetchOne(db, sql: "SELECT * FROM vetting_records WHERE trainee_id = ?", arguments: [traineeID]).map { row in
                VettingRecord(
                    traineeID: row["trainee_id"],
                    level: VettingLevel(rawValue: row["level"]) ?? .enhanced,
                    certificateNumber: row["certificate_number"],
                    issueDate: Date(timeIntervalSince1970: row["issue_date"]),
                    decision: SuitabilityDecision(rawValue: row["decision"]) ?? .notYet,
                    decidedBy: row["decided_by"],
                    decidedAt: Date(timeIntervalSince1970: row["decided_at"])
                )
            }
        }
    }

    public func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO vetting_notes (trainee_id, text, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
                arguments: [traineeID, text, actorID, at.timeIntervalSince1970]
            )
            // Every change to the DBS record is audited, in the same transaction as the change.
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "vetting.note-added", subjectID: traineeID, detail: nil))
        }
    }

    public func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote] {
        try await write { db in
            try Self.insertAudit(db, AuditEntry(at: at, actorID: viewerID, action: "vetting.notes-viewed", subjectID: traineeID, detail: nil))
            return try Row.fetchAll(db, sql: "SELECT * FROM vetting_notes WHERE trainee_id = ? ORDER BY recorded_at", arguments: [traineeID]).map {
                row in
                VettingNote(
                    id: row["id"],
                    traineeID: row["trainee_id"],
                    text: row["text"],
                    recordedBy: row["recorded_by"],
                    recordedAt: Date(timeIntervalSince1970: row["recorded_at"])
                )
            }
        }
    }

    public func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM vetting_notes WHERE recorded_at < ?", arguments: [cutoff.timeIntervalSince1970])
            let count = db.changesCount
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: "vetting.purged", subjectID: nil, detail: "\(count) notes recorded before \(cutoff)")
            )
            return count
        }
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await write { db in try Self.insertAudit(db, entry) }
    }

    public func auditEntries(subjectID: String) async throws -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE subject_id = ? ORDER BY at DESC, id DESC", arguments: [subjectID])
                .map(Self.auditEntry)
        }
    }

    public func auditLog(_ query: AuditQuery) async throws -> AuditPage {
        let limit = max(0, min(query.limit, 10_000))
        return try await read { db in
            let rows = try Row.fetchAll(
                db,
                sql: Self.numberedParameters(AuditQuery.sql),
                arguments: [
                    query.personID, query.personPattern, query.action, query.from?.timeIntervalSince1970, query.before?.timeIntervalSince1970,
                    limit + 1, max(0, query.offset),
                ]
            )
            let entries = rows.prefix(limit).map(Self.auditEntry)
            return AuditPage(entries: Array(entries), hasOlder: rows.count > limit)
        }
    }

    public func auditActions() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: AuditQuery.actionsSQL) }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            at: Date(timeIntervalSince1970: row["at"]),
            actorID: row["actor_id"],
            action: row["action"],
            subjectID: row["subject_id"],
            detail: row["detail"]
        )
    }

    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, actor_id, action, subject_id, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [entry.at.timeIntervalSince1970, entry.actorID, entry.action, entry.subjectID, entry.detail]
        )
    }
}
