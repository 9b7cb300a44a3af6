import Foundation
import GRDB
import WaymarkCertificates
import WaymarkProgress

extension SQLiteStore: OutboxStore {
    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws {
        try await writeDatabase { db in
            try Self.insertToken(db, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt)
            try Self.insertOutbox(db, mail, at: at)
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        if change != nil, events.isEmpty { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await writeDatabase { db in
            try Self.insertEvents(db, rows)
            try Self.saveSummary(db, summary)
            if let change, let last = events.last {
                try Self.apply(
                    change,
                    db,
                    traineeID: summary.traineeID,
                    programmeID: summary.programmeID,
                    programmeVersion: last.programmeVersion,
                    at: last.at
                )
            }
            try Self.insertOutbox(db, mail, at: events.last?.at ?? Date())
        }
    }

    @discardableResult
    public func enqueue(_ mail: [OutboxDraft], quietSince: Date?, at: Date) async throws -> Int {
        try await writeDatabase { db in
            var written = 0
            for draft in mail {
                if let quietSince, let personID = draft.personID,
                    let last = try db.fetchFirstRow(OutboxSQL.lastOfKind(draft.kind, personID: personID))?.optionalDate("last"),
                    last > quietSince
                {
                    continue
                }
                written += try Self.insertOutbox(db, [draft], at: at)
            }
            return written
        }
    }

    /// Writes emails inside a transaction that is already open (whatever causes them); a draft
    /// whose `onceKey` is taken is left out. Returns how many were written.
    @discardableResult
    static func insertOutbox(_ db: Database, _ mail: [OutboxDraft], at: Date) throws -> Int {
        var written = 0
        for draft in mail {
            written += try db.perform(OutboxSQL.insert(draft, id: UUID().uuidString.lowercased(), at: at))
        }
        return written
    }

    /// SQLite has one writer at a time: choosing and taking the messages in one write
    /// transaction is atomic, so two senders on one file never take the same one.
    public func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await writeDatabase { db in
            try OutboxSQL.claimed(db.fetchRows(OutboxSQL.claim(owner: owner, at: at, leaseUntil: leaseUntil, limit: limit)))
        }
    }

    public func markSent(id: String, owner: String, at: Date) async throws {
        try await writeDatabase { db in _ = try db.perform(OutboxSQL.markSent(id: id, owner: owner, at: at)) }
    }

    public func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws {
        try await writeDatabase { db in _ = try db.perform(OutboxSQL.markNotSent(id: id, owner: owner, error: error, retryAt: retryAt)) }
    }

    public func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool {
        try await writeDatabase { db in
            guard let row = try db.fetchFirstRow(OutboxSQL.retryFailed(id: id, at: at)) else { return false }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "outbox.retry", subjectID: try row.optional("person_id"), detail: id))
            return true
        }
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await readDatabase { db in try OutboxSQL.counts(db.fetchRows(OutboxSQL.counts)) }
    }

    public func failedMessages(limit: Int) async throws -> [OutboxEntry] {
        try await readDatabase { db in try db.fetchRows(OutboxSQL.failed(limit: limit)).compactMap(OutboxSQL.entry) }
    }

    public func outboxEntries(personID: String) async throws -> [OutboxEntry] {
        try await readDatabase { db in try db.fetchRows(OutboxSQL.byPerson(personID)).compactMap(OutboxSQL.entry) }
    }

    public func lastMessage(kind: OutboxKind, personID: String) async throws -> Date? {
        try await readDatabase { db in try db.fetchFirstRow(OutboxSQL.lastOfKind(kind, personID: personID))?.optionalDate("last") }
    }

    public func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor] {
        try await readDatabase { db in try db.fetchRows(OutboxSQL.overdueSupervisors(at: at)).map(OutboxSQL.overdueSupervisor) }
    }

    public func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate] {
        try await readDatabase { db in try db.fetchRows(OutboxSQL.expiringCertificates(at: at, before: before)).map(OutboxSQL.expiringCertificate) }
    }

    public func applicationsSent(after since: Date) async throws -> Int {
        try await readDatabase { db in try db.fetchFirstRow(OutboxSQL.applicationsSent(after: since))?.optional("n") ?? 0 }
    }
}
