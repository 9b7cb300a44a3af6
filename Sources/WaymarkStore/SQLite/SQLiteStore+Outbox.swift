import Foundation
import GRDB
import WaymarkCertificates
import WaymarkProgress

extension SQLiteStore: OutboxStore {
    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws {
        try await write { db in
            try Self.insertToken(db, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt)
            try Self.insertOutbox(db, mail, at: at)
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        if change != nil, events.isEmpty { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await write { db in
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
        try await write { db in
            var written = 0
            for draft in mail {
                if let quietSince, let personID = draft.personID,
                    let last = try Double.fetchOne(db, sql: Self.numberedParameters(OutboxSQL.lastOfKind), arguments: [draft.kind.rawValue, personID]),
                    last > quietSince.timeIntervalSince1970
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
            try db.execute(
                sql: """
                    INSERT INTO outbox (id, person_id, address, kind, subject, plain_text, html, once_key, created_at, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (once_key) DO NOTHING
                    """,
                arguments: [
                    UUID().uuidString.lowercased(), draft.personID, draft.address, draft.kind.rawValue, draft.subject, draft.plainText,
                    draft.html, draft.onceKey, at.timeIntervalSince1970, at.timeIntervalSince1970,
                ]
            )
            written += db.changesCount
        }
        return written
    }

    /// SQLite has one writer at a time: choosing and taking the messages in one write
    /// transaction is atomic, so two senders on one file never take the same one.
    public func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await write { db in
            let now = at.timeIntervalSince1970
            let ids = try String.fetchAll(
                db,
                sql: "SELECT id FROM outbox WHERE \(Self.numberedParameters(OutboxSQL.due)) ORDER BY next_attempt_at, id LIMIT ?2",
                arguments: [now, max(limit, 0)]
            )
            var claimed: [OutboxMessage] = []
            for id in ids {
                try db.execute(
                    sql: "UPDATE outbox SET state = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1 WHERE id = ?",
                    arguments: [owner, leaseUntil.timeIntervalSince1970, id]
                )
                if let row = try Row.fetchOne(db, sql: "SELECT \(OutboxSQL.messageColumns) FROM outbox WHERE id = ?", arguments: [id]),
                    let message = Self.outboxMessage(row)
                {
                    claimed.append(message)
                }
            }
            return claimed
        }
    }

    public func markSent(id: String, owner: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: Self.numberedParameters(OutboxSQL.markSent), arguments: [at.timeIntervalSince1970, owner, id])
        }
    }

    public func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?, lease_owner = NULL, lease_until = NULL
                    WHERE id = ? AND lease_owner = ? AND state = 'sending'
                    """,
                arguments: [
                    retryAt == nil ? OutboxState.failed.rawValue : OutboxState.waiting.rawValue, retryAt?.timeIntervalSince1970,
                    String(error.prefix(500)), id, owner,
                ]
            )
        }
    }

    public func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool {
        try await write { db in
            let personID = try String.fetchOne(db, sql: "SELECT person_id FROM outbox WHERE id = ?", arguments: [id])
            try db.execute(sql: Self.numberedParameters(OutboxSQL.retryFailed), arguments: [id, at.timeIntervalSince1970])
            guard db.changesCount == 1 else { return false }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "outbox.retry", subjectID: personID, detail: id))
            return true
        }
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await read { db in
            var counts = OutboxCounts()
            for row in try Row.fetchAll(db, sql: OutboxSQL.counts) {
                counts.add(state: row["state"], count: row["n"])
            }
            return counts
        }
    }

    public func failedMessages(limit: Int) async throws -> [OutboxEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: Self.numberedParameters(OutboxSQL.failed), arguments: [max(limit, 0)]).compactMap(Self.outboxEntry)
        }
    }

    public func outboxEntries(personID: String) async throws -> [OutboxEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: Self.numberedParameters(OutboxSQL.byPerson), arguments: [personID]).compactMap(Self.outboxEntry)
        }
    }

    public func lastMessage(kind: OutboxKind, personID: String) async throws -> Date? {
        try await read { db in
            try Double.fetchOne(db, sql: Self.numberedParameters(OutboxSQL.lastOfKind), arguments: [kind.rawValue, personID])
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor] {
        try await read { db in
            try Row.fetchAll(db, sql: Self.numberedParameters(OutboxSQL.overdueSupervisors), arguments: [at.timeIntervalSince1970]).map { row in
                OverdueSupervisor(person: try PeopleSQL.person(row), overdueMentors: row["overdue"])
            }
        }
    }

    public func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: Self.numberedParameters(OutboxSQL.expiringCertificates),
                arguments: [at.timeIntervalSince1970, before.timeIntervalSince1970]
            ).map { row in
                ExpiringCertificate(
                    code: row["code"],
                    holder: try PeopleSQL.person(row),
                    title: row["title"],
                    validUntil: Date(timeIntervalSince1970: row["valid_until"])
                )
            }
        }
    }

    public func applicationsSent(after since: Date) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: Self.numberedParameters(OutboxSQL.applicationsAfter), arguments: [since.timeIntervalSince1970]) ?? 0
        }
    }

    static func outboxMessage(_ row: Row) -> OutboxMessage? {
        guard let kind = OutboxKind(rawValue: row["kind"]) else { return nil }
        return OutboxMessage(
            id: row["id"],
            personID: row["person_id"],
            address: row["address"],
            kind: kind,
            subject: row["subject"],
            plainText: row["plain_text"],
            html: row["html"],
            attempts: row["attempts"]
        )
    }

    static func outboxEntry(_ row: Row) -> OutboxEntry? {
        guard let kind = OutboxKind(rawValue: row["kind"]), let state = OutboxState(rawValue: row["state"]) else { return nil }
        return OutboxEntry(
            id: row["id"],
            personID: row["person_id"],
            address: row["address"],
            kind: kind,
            subject: row["subject"],
            state: state,
            attempts: row["attempts"],
            lastError: row["last_error"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            sentAt: (row["sent_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }
}

extension OutboxCounts {
    mutating func add(state: String, count: Int) {
        switch OutboxState(rawValue: state) {
        case .waiting: waiting += count
        case .sending: sending += count
        case .sent: sent += count
        case .failed: failed += count
        case nil: break
        }
    }
}
