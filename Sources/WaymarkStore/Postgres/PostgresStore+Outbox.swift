import Foundation
import PostgresNIO
import WaymarkCertificates
import WaymarkProgress

extension PostgresStore: OutboxStore {
    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws {
        try await write { [self] connection in
            try await Self.insertToken(connection, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt, logger: logger)
            try await Self.insertOutbox(connection, mail, at: at, logger: logger)
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        if change != nil, events.isEmpty { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await write { [self] connection in
            try await Self.insertEvents(connection, rows, logger: logger)
            try await Self.saveSummary(connection, summary, logger: logger)
            if let change, let last = events.last {
                try await apply(
                    change,
                    connection,
                    traineeID: summary.traineeID,
                    programmeID: summary.programmeID,
                    programmeVersion: last.programmeVersion,
                    at: last.at
                )
            }
            try await Self.insertOutbox(connection, mail, at: events.last?.at ?? Date(), logger: logger)
        }
    }

    @discardableResult
    public func enqueue(_ mail: [OutboxDraft], quietSince: Date?, at: Date) async throws -> Int {
        try await write { [self] connection in
            var written = 0
            for draft in mail {
                if let quietSince, let personID = draft.personID {
                    // Two servers writing reminders at once wait here for each other, so the
                    // second sees the first one's message.
                    try await connection.run("SELECT pg_advisory_xact_lock(\(Self.lockNumber("outbox:\(draft.kind.rawValue):\(personID)")))", logger: logger)
                    let last = try await connection.rows(
                        PostgresQuery(unsafeSQL: OutboxSQL.lastOfKind, binds: Self.binds(draft.kind.rawValue, personID)),
                        logger: logger
                    ).first?.value("last", as: Double.self)
                    if let last, last > quietSince.timeIntervalSince1970 { continue }
                }
                written += try await Self.insertOutbox(connection, [draft], at: at, logger: logger)
            }
            return written
        }
    }

    /// Writes emails inside a transaction that is already open (whatever causes them); a draft
    /// whose `onceKey` is taken is left out. Returns how many were written.
    @discardableResult
    static func insertOutbox(_ connection: PostgresConnection, _ mail: [OutboxDraft], at: Date, logger: Logger) async throws -> Int {
        var written = 0
        for draft in mail {
            written += try await connection.run(
                """
                INSERT INTO outbox (id, person_id, address, kind, subject, plain_text, html, once_key, created_at, next_attempt_at)
                VALUES (\(UUID().uuidString.lowercased()), \(draft.personID), \(draft.address), \(draft.kind.rawValue), \(draft.subject),
                    \(draft.plainText), \(draft.html), \(draft.onceKey), \(at.timeIntervalSince1970), \(at.timeIntervalSince1970))
                ON CONFLICT (once_key) DO NOTHING RETURNING 1
                """,
                logger: logger
            )
        }
        return written
    }

    /// `FOR UPDATE SKIP LOCKED`: a message another sender is taking at this moment is passed
    /// over, not waited for, so senders on several servers each take different messages.
    public func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await write { [self] connection in
            let now = at.timeIntervalSince1970
            let rows = try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        UPDATE outbox SET state = 'sending', lease_owner = $2, lease_until = $3, attempts = attempts + 1
                        WHERE id IN (SELECT id FROM outbox WHERE \(OutboxSQL.due) ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
                        RETURNING \(OutboxSQL.messageColumns)
                        """,
                    binds: Self.binds(now, owner, leaseUntil.timeIntervalSince1970, max(limit, 0))
                ),
                logger: logger
            )
            return try rows.compactMap(Self.outboxMessage)
        }
    }

    public func markSent(id: String, owner: String, at: Date) async throws {
        try await write { [self] connection in
            try await connection.run(PostgresQuery(unsafeSQL: OutboxSQL.markSent, binds: Self.binds(at.timeIntervalSince1970, owner, id)), logger: logger)
        }
    }

    public func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws {
        let state = retryAt == nil ? OutboxState.failed.rawValue : OutboxState.waiting.rawValue
        let next = retryAt?.timeIntervalSince1970
        let message = String(error.prefix(500))
        try await write { [self] connection in
            try await connection.run(
                """
                UPDATE outbox SET state = \(state), next_attempt_at = COALESCE(\(next), next_attempt_at), last_error = \(message),
                    lease_owner = NULL, lease_until = NULL
                WHERE id = \(id) AND lease_owner = \(owner) AND state = 'sending'
                """,
                logger: logger
            )
        }
    }

    public func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool {
        try await write { [self] connection in
            let rows = try await connection.rows(
                PostgresQuery(unsafeSQL: OutboxSQL.retryFailed + " RETURNING person_id", binds: Self.binds(id, at.timeIntervalSince1970)),
                logger: logger
            )
            guard let row = rows.first else { return false }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "outbox.retry", subjectID: try row.value("person_id", as: String.self), detail: id),
                logger: logger
            )
            return true
        }
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await read { [self] connection in
            var counts = OutboxCounts()
            for row in try await connection.rows(PostgresQuery(unsafeSQL: OutboxSQL.counts), logger: logger) {
                counts.add(state: try row.required("state"), count: try row.required("n", as: Int.self))
            }
            return counts
        }
    }

    public func failedMessages(limit: Int) async throws -> [OutboxEntry] {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: OutboxSQL.failed, binds: Self.binds(max(limit, 0))), logger: logger)
                .compactMap(Self.outboxEntry)
        }
    }

    public func outboxEntries(personID: String) async throws -> [OutboxEntry] {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: OutboxSQL.byPerson, binds: Self.binds(personID)), logger: logger)
                .compactMap(Self.outboxEntry)
        }
    }

    public func lastMessage(kind: OutboxKind, personID: String) async throws -> Date? {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: OutboxSQL.lastOfKind, binds: Self.binds(kind.rawValue, personID)), logger: logger)
                .first?.date("last")
        }
    }

    public func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor] {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: OutboxSQL.overdueSupervisors, binds: Self.binds(at.timeIntervalSince1970)), logger: logger)
                .map { row in OverdueSupervisor(person: try PeopleSQL.person(row), overdueMentors: try row.required("overdue", as: Int.self)) }
        }
    }

    public func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate] {
        try await read { [self] connection in
            try await connection.rows(
                PostgresQuery(unsafeSQL: OutboxSQL.expiringCertificates, binds: Self.binds(at.timeIntervalSince1970, before.timeIntervalSince1970)),
                logger: logger
            ).map { row in
                ExpiringCertificate(
                    code: try row.required("code"),
                    holder: try PeopleSQL.person(row),
                    title: try row.required("title"),
                    validUntil: try row.requiredDate("valid_until")
                )
            }
        }
    }

    public func applicationsSent(after since: Date) async throws -> Int {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: OutboxSQL.applicationsAfter, binds: Self.binds(since.timeIntervalSince1970)), logger: logger)
                .first?.value("n", as: Int.self) ?? 0
        }
    }

    static func outboxMessage(_ row: PostgresRandomAccessRow) throws -> OutboxMessage? {
        guard let kind = OutboxKind(rawValue: try row.required("kind")) else { return nil }
        return OutboxMessage(
            id: try row.required("id"),
            personID: try row.value("person_id"),
            address: try row.required("address"),
            kind: kind,
            subject: try row.required("subject"),
            plainText: try row.required("plain_text"),
            html: try row.required("html"),
            attempts: try row.required("attempts", as: Int.self)
        )
    }

    static func outboxEntry(_ row: PostgresRandomAccessRow) throws -> OutboxEntry? {
        guard let kind = OutboxKind(rawValue: try row.required("kind")), let state = OutboxState(rawValue: try row.required("state")) else { return nil }
        return OutboxEntry(
            id: try row.required("id"),
            personID: try row.value("person_id"),
            address: try row.required("address"),
            kind: kind,
            subject: try row.required("subject"),
            state: state,
            attempts: try row.required("attempts", as: Int.self),
            lastError: try row.value("last_error"),
            createdAt: try row.requiredDate("created_at"),
            sentAt: try row.date("sent_at")
        )
    }

    /// A stable number for an advisory lock (FNV-1a, as the migration lock), the same on every server.
    static func lockNumber(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}
