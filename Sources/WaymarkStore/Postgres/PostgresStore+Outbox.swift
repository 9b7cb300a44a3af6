import Foundation
import PostgresNIO
import WaymarkCertificates
import WaymarkProgress

extension PostgresStore: OutboxStore {
    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws {
        try await transaction { [self] connection in
            try await Self.insertToken(connection, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt, logger: logger)
            try await Self.insertOutbox(connection, mail, at: at, logger: logger)
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        if change != nil, events.isEmpty { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await transaction { [self] connection in
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
        try await transaction { [self] connection in
            var written = 0
            for draft in mail {
                if let quietSince, let personID = draft.personID {
                    // Two servers writing reminders at once wait here for each other, so the
                    // second sees the first one's message.
                    let lock = Self.lockNumber("outbox:\(draft.kind.rawValue):\(personID)")
                    try await connection.perform("SELECT pg_advisory_xact_lock(\(Int(lock)))", logger: logger)
                    let last = try await connection.fetchFirstRow(OutboxSQL.lastOfKind(draft.kind, personID: personID), logger: logger)?
                        .optionalDate("last")
                    if let last, last > quietSince { continue }
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
            written += try await connection.perform(OutboxSQL.insert(draft, id: UUID().uuidString.lowercased(), at: at), logger: logger)
        }
        return written
    }

    /// `FOR UPDATE SKIP LOCKED`: a message another sender is taking at this moment is passed
    /// over, not waited for, so senders on several servers each take different messages.
    public func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await transaction { [self] connection in
            try OutboxSQL.claimed(
                try await connection.fetchRows(OutboxSQL.claim(owner: owner, at: at, leaseUntil: leaseUntil, limit: limit), logger: logger)
            )
        }
    }

    public func markSent(id: String, owner: String, at: Date) async throws {
        try await transaction { [self] connection in try await connection.perform(OutboxSQL.markSent(id: id, owner: owner, at: at), logger: logger) }
    }

    public func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws {
        try await transaction { [self] connection in
            try await connection.perform(OutboxSQL.markNotSent(id: id, owner: owner, error: error, retryAt: retryAt), logger: logger)
        }
    }

    public func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool {
        try await transaction { [self] connection in
            guard let row = try await connection.fetchFirstRow(OutboxSQL.retryFailed(id: id, at: at), logger: logger) else { return false }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "outbox.retry", subjectID: try row.optional("person_id"), detail: id),
                logger: logger
            )
            return true
        }
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await onConnection { [self] connection in try OutboxSQL.counts(try await connection.fetchRows(OutboxSQL.counts, logger: logger)) }
    }

    public func failedMessages(limit: Int) async throws -> [OutboxEntry] {
        try await onConnection { [self] connection in try await connection.fetchRows(OutboxSQL.failed(limit: limit), logger: logger).compactMap(OutboxSQL.entry) }
    }

    public func outboxEntries(personID: String) async throws -> [OutboxEntry] {
        try await onConnection { [self] connection in try await connection.fetchRows(OutboxSQL.byPerson(personID), logger: logger).compactMap(OutboxSQL.entry) }
    }

    public func lastMessage(kind: OutboxKind, personID: String) async throws -> Date? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(OutboxSQL.lastOfKind(kind, personID: personID), logger: logger)?.optionalDate("last")
        }
    }

    public func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(OutboxSQL.overdueSupervisors(at: at), logger: logger).map(OutboxSQL.overdueSupervisor)
        }
    }

    public func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(OutboxSQL.expiringCertificates(at: at, before: before), logger: logger).map(OutboxSQL.expiringCertificate)
        }
    }

    public func applicationsSent(after since: Date) async throws -> Int {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(OutboxSQL.applicationsSent(after: since), logger: logger)?.optional("n", as: Int.self) ?? 0
        }
    }

    /// A stable number for an advisory lock (FNV-1a, as the migration lock), the same on every server.
    static func lockNumber(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}
