import Foundation
import WaymarkCertificates
import WaymarkProgress

extension AnyWaymarkStore {
    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws {
        try await backend.write { db in
            try await db.perform(WebSQL.insertToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt))
            try await db.insertOutbox(mail, at: at)
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        try await writeAppend(events, summary: summary, certificate: change, mail: mail)
        observer?.appended(events)
    }

    /// Every append's one transaction, the write each answer a trainee sends makes: the events,
    /// the summary, the certificate change at the time of the last event, and the mail. The
    /// callers tell the observer, after the commit.
    func writeAppend(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        if change != nil, events.isEmpty { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await backend.write { db in
            try await db.insertEvents(rows)
            try await db.saveSummary(summary)
            if let change, let last = events.last {
                try await db.apply(
                    change,
                    traineeID: summary.traineeID,
                    programmeID: summary.programmeID,
                    programmeVersion: last.programmeVersion,
                    at: last.at
                )
            }
            try await db.insertOutbox(mail, at: events.last?.at ?? Date())
        }
    }

    @discardableResult
    public func enqueue(_ mail: [OutboxDraft], quietSince: Date?, at: Date) async throws -> Int {
        try await backend.write { [backend] db in
            var written = 0
            for draft in mail {
                if let quietSince, let personID = draft.personID {
                    try await backend.holdMailLock(kind: draft.kind, personID: personID, in: db)
                    let last = try await db.fetchFirstRow(OutboxSQL.lastOfKind(draft.kind, personID: personID))?.optionalDate("last")
                    if let last, last > quietSince { continue }
                }
                written += try await db.insertOutbox([draft], at: at)
            }
            return written
        }
    }

    /// Choosing and taking the messages is one statement in one write: SQLite's one writer makes
    /// it atomic, and PostgreSQL's `FOR UPDATE SKIP LOCKED` passes over a message another sender
    /// is taking at this moment, so senders on several servers each take different messages.
    public func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await backend.write { db in try OutboxSQL.claimed(try await db.fetchRows(OutboxSQL.claim(owner: owner, at: at, leaseUntil: leaseUntil, limit: limit))) }
    }

    public func markSent(id: String, owner: String, at: Date) async throws {
        try await backend.write { db in _ = try await db.perform(OutboxSQL.markSent(id: id, owner: owner, at: at)) }
    }

    public func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws {
        try await backend.write { db in _ = try await db.perform(OutboxSQL.markNotSent(id: id, owner: owner, error: error, retryAt: retryAt)) }
    }

    public func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool {
        try await backend.write { db in
            guard let row = try await db.fetchFirstRow(OutboxSQL.retryFailed(id: id, at: at)) else { return false }
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "outbox.retry", subjectID: try row.optional("person_id"), detail: id))
            return true
        }
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await backend.read { db in try OutboxSQL.counts(try await db.fetchRows(OutboxSQL.counts)) }
    }

    public func failedMessages(limit: Int) async throws -> [OutboxEntry] {
        try await backend.read { db in try await db.fetchRows(OutboxSQL.failed(limit: limit)).compactMap(OutboxSQL.entry) }
    }

    public func outboxEntries(personID: String) async throws -> [OutboxEntry] {
        try await backend.read { db in try await db.fetchRows(OutboxSQL.byPerson(personID)).compactMap(OutboxSQL.entry) }
    }

    public func lastMessage(kind: OutboxKind, personID: String) async throws -> Date? {
        try await backend.read { db in try await db.fetchFirstRow(OutboxSQL.lastOfKind(kind, personID: personID))?.optionalDate("last") }
    }

    public func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor] {
        try await backend.read { db in try await db.fetchRows(OutboxSQL.overdueSupervisors(at: at)).map(OutboxSQL.overdueSupervisor) }
    }

    public func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate] {
        try await backend.read { db in try await db.fetchRows(OutboxSQL.expiringCertificates(at: at, before: before)).map(OutboxSQL.expiringCertificate) }
    }

    public func applicationsSent(after since: Date) async throws -> Int {
        try await backend.read { db in try await db.fetchFirstRow(OutboxSQL.applicationsSent(after: since))?.optional("n", as: Int.self) ?? 0 }
    }
}
