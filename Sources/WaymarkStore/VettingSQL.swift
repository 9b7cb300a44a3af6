import Foundation
import WaymarkProgress

/// DBS vetting records and notes, and the audit log every look at them writes to, written once
/// for both stores.
enum VettingSQL {
    static func upsert(_ record: VettingRecord) -> SQLStatement {
        """
        INSERT INTO vetting_records (trainee_id, level, certificate_number, issue_date, decision, decided_by, decided_at)
        VALUES (\(record.traineeID), \(record.level.rawValue), \(record.certificateNumber), \(record.issueDate), \(record.decision.rawValue),
            \(record.decidedBy), \(record.decidedAt))
        ON CONFLICT (trainee_id) DO UPDATE SET level = excluded.level, certificate_number = excluded.certificate_number,
            issue_date = excluded.issue_date, decision = excluded.decision, decided_by = excluded.decided_by,
            decided_at = excluded.decided_at
        """
    }

    static func record(traineeID: String) -> SQLStatement { "SELECT * FROM vetting_records WHERE trainee_id = \(traineeID)" }

    static func addNote(traineeID: String, text: String, by actorID: String, at: Date) -> SQLStatement {
        "INSERT INTO vetting_notes (trainee_id, text, recorded_by, recorded_at) VALUES (\(traineeID), \(text), \(actorID), \(at))"
    }

    /// Notes in the order they were written, even two in the same instant.
    static func notes(traineeID: String) -> SQLStatement {
        "SELECT * FROM vetting_notes WHERE trainee_id = \(traineeID) ORDER BY recorded_at, id"
    }

    /// Returns a row per note deleted, so both databases count them the same way.
    static func purgeNotes(recordedBefore cutoff: Date) -> SQLStatement {
        "DELETE FROM vetting_notes WHERE recorded_at < \(cutoff) RETURNING 1"
    }

    static func insertAudit(_ entry: AuditEntry) -> SQLStatement {
        """
        INSERT INTO audit_log (at, actor_id, action, subject_id, detail)
        VALUES (\(entry.at), \(entry.actorID), \(entry.action), \(entry.subjectID), \(entry.detail))
        """
    }

    static func auditEntries(subjectID: String) -> SQLStatement {
        "SELECT * FROM audit_log WHERE subject_id = \(subjectID) ORDER BY at DESC, id DESC"
    }

    static func vettingRecord(_ row: any SQLRow) throws -> VettingRecord {
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

    static func vettingNote(_ row: any SQLRow) throws -> VettingNote {
        VettingNote(
            id: try row.required("id"),
            traineeID: try row.required("trainee_id"),
            text: try row.required("text"),
            recordedBy: try row.required("recorded_by"),
            recordedAt: try row.requiredDate("recorded_at")
        )
    }

    static func auditEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            at: try row.requiredDate("at"),
            actorID: try row.required("actor_id"),
            action: try row.required("action"),
            subjectID: try row.optional("subject_id"),
            detail: try row.optional("detail")
        )
    }
}
