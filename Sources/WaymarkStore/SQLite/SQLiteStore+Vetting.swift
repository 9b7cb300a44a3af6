import Foundation
import GRDB
import WaymarkProgress

extension SQLiteStore: VettingStore, AuditStore {
    public func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            try db.perform(VettingSQL.upsert(record))
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "vetting.recorded", subjectID: record.traineeID, detail: nil))
        }
    }

    public func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord? {
        try await writeDatabase { db in
            try Self.insertAudit(db, AuditEntry(at: at, actorID: viewerID, action: "vetting.viewed", subjectID: traineeID, detail: nil))
            return try db.fetchFirstRow(VettingSQL.record(traineeID: traineeID)).map(VettingSQL.vettingRecord)
        }
    }

    public func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            try db.perform(VettingSQL.addNote(traineeID: traineeID, text: text, by: actorID, at: at))
            // Every change to the DBS record is audited, in the same transaction as the change.
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "vetting.note-added", subjectID: traineeID, detail: nil))
        }
    }

    public func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote] {
        try await writeDatabase { db in
            try Self.insertAudit(db, AuditEntry(at: at, actorID: viewerID, action: "vetting.notes-viewed", subjectID: traineeID, detail: nil))
            return try db.fetchRows(VettingSQL.notes(traineeID: traineeID)).map(VettingSQL.vettingNote)
        }
    }

    public func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int {
        try await writeDatabase { db in
            let count = try db.fetchRows(VettingSQL.purgeNotes(recordedBefore: cutoff)).count
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: "vetting.purged", subjectID: nil, detail: "\(count) notes recorded before \(cutoff)")
            )
            return count
        }
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await writeDatabase { db in try Self.insertAudit(db, entry) }
    }

    public func auditEntries(subjectID: String) async throws -> [AuditEntry] {
        try await readDatabase { db in try db.fetchRows(VettingSQL.auditEntries(subjectID: subjectID)).map(VettingSQL.auditEntry) }
    }

    public func auditLog(_ query: AuditQuery) async throws -> AuditPage {
        let limit = max(0, min(query.limit, 10_000))
        return try await readDatabase { db in
            let rows = try Row.fetchAll(
                db,
                sql: Self.numberedParameters(AuditQuery.sql),
                arguments: [
                    query.personID, query.personPattern, query.action, query.from?.timeIntervalSince1970, query.before?.timeIntervalSince1970,
                    limit + 1, max(0, query.offset),
                ]
            )
            let entries = try rows.prefix(limit).map(VettingSQL.auditEntry)
            return AuditPage(entries: entries, hasOlder: rows.count > limit)
        }
    }

    public func auditActions() async throws -> [String] {
        try await readDatabase { db in try String.fetchAll(db, sql: AuditQuery.actionsSQL) }
    }

    static func insertAudit(_ db: Database, _ entry: AuditEntry) throws {
        try db.perform(VettingSQL.insertAudit(entry))
    }
}
