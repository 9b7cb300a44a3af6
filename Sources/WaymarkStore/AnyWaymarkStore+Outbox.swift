import Foundation
import WaymarkCertificates
import WaymarkProgress

extension AnyWaymarkStore {
    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws {
        try await base.createToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt, mail: mail)
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws {
        try await base.append(events, summary: summary, certificate: change, mail: mail)
        observer?.appended(events)
    }

    @discardableResult
    public func enqueue(_ mail: [OutboxDraft], quietSince: Date?, at: Date) async throws -> Int {
        try await base.enqueue(mail, quietSince: quietSince, at: at)
    }

    public func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await base.claimOutbox(owner: owner, at: at, leaseUntil: leaseUntil, limit: limit)
    }

    public func markSent(id: String, owner: String, at: Date) async throws {
        try await base.markSent(id: id, owner: owner, at: at)
    }

    public func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws {
        try await base.markNotSent(id: id, owner: owner, error: error, retryAt: retryAt)
    }

    public func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool {
        try await base.retryFailedMessage(id: id, by: actorID, at: at)
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await base.outboxCounts()
    }

    public func failedMessages(limit: Int) async throws -> [OutboxEntry] {
        try await base.failedMessages(limit: limit)
    }

    public func outboxEntries(personID: String) async throws -> [OutboxEntry] {
        try await base.outboxEntries(personID: personID)
    }

    public func lastMessage(kind: OutboxKind, personID: String) async throws -> Date? {
        try await base.lastMessage(kind: kind, personID: personID)
    }

    public func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor] {
        try await base.supervisorsWithOverdueMentors(at: at)
    }

    public func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate] {
        try await base.certificatesExpiring(at: at, before: before)
    }

    public func applicationsSent(after since: Date) async throws -> Int {
        try await base.applicationsSent(after: since)
    }
}
