import Foundation
import WaymarkProgress

/// Every look at and change to a DBS record is audited in the same transaction as the look or
/// the change: both happen, or neither.
extension AnyWaymarkStore {
    public func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            try await db.perform(VettingSQL.upsert(record))
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "vetting.recorded", subjectID: record.traineeID, detail: nil))
        }
    }

    public func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord? {
        try await backend.write { db in
            try await db.insertAudit(AuditEntry(at: at, actorID: viewerID, action: "vetting.viewed", subjectID: traineeID, detail: nil))
            return try await db.fetchFirstRow(VettingSQL.record(traineeID: traineeID)).map(VettingSQL.vettingRecord)
        }
    }

    public func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            try await db.perform(VettingSQL.addNote(traineeID: traineeID, text: text, by: actorID, at: at))
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "vetting.note-added", subjectID: traineeID, detail: nil))
        }
    }

    public func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote] {
        try await backend.write { db in
            try await db.insertAudit(AuditEntry(at: at, actorID: viewerID, action: "vetting.notes-viewed", subjectID: traineeID, detail: nil))
            return try await db.fetchRows(VettingSQL.notes(traineeID: traineeID)).map(VettingSQL.vettingNote)
        }
    }

    public func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int {
        try await backend.write { db in
            let count = try await db.perform(VettingSQL.purgeNotes(recordedBefore: cutoff))
            try await db.insertAudit(
                AuditEntry(at: at, actorID: actorID, action: "vetting.purged", subjectID: nil, detail: "\(count) notes recorded before \(cutoff)")
            )
            return count
        }
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await backend.write { db in try await db.insertAudit(entry) }
    }

    public func auditEntries(subjectID: String) async throws -> [AuditEntry] {
        try await backend.read { db in try await db.fetchRows(VettingSQL.auditEntries(subjectID: subjectID)).map(VettingSQL.auditEntry) }
    }

    public func auditLog(_ query: AuditQuery) async throws -> AuditPage {
        let limit = max(0, min(query.limit, 10_000))
        return try await backend.read { db in
            let rows = try await db.fetchRows(query.statement(limit: limit))
            let entries = try rows.prefix(limit).map(VettingSQL.auditEntry)
            return AuditPage(entries: entries, hasOlder: rows.count > limit)
        }
    }

    public func auditActions() async throws -> [String] {
        try await backend.read { db in try await db.fetchRows(AuditQuery.actions).map { try $0.required("action", as: String.self) } }
    }
}
