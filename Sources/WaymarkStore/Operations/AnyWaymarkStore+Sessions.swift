import Foundation

extension AnyWaymarkStore {
    public func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws {
        try await backend.write { db in
            try await db.perform(WebSQL.forgetSessions(endedBefore: at))
            try await db.perform(WebSQL.insertSession(tokenHash: tokenHash, personID: personID, csrfToken: csrfToken, at: at, expiresAt: expiresAt))
        }
    }

    public func session(tokenHash: String, at: Date) async throws -> SessionRecord? {
        try await backend.liveSession(tokenHash: tokenHash, at: at)
    }

    public func deleteSession(tokenHash: String) async throws {
        try await backend.write { db in _ = try await db.perform(WebSQL.deleteSession(tokenHash: tokenHash)) }
    }

    public func deleteSessions(personID: String) async throws {
        try await backend.write { db in _ = try await db.perform(WebSQL.deleteSessions(personID: personID)) }
    }

    public func endSessions(personID: String, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            let ended = try await db.perform(WebSQL.deleteSessions(personID: personID))
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "person.sessions-ended", subjectID: personID, detail: String(ended)))
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Date) async throws {
        try await backend.bookkeepingWrite { db in _ = try await db.perform(WebSQL.extendSession(tokenHash: tokenHash, expiresAt: expiresAt)) }
    }

    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws {
        try await backend.write { db in
            _ = try await db.perform(WebSQL.insertToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt))
        }
    }

    public func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?) {
        try await backend.read { db in
            let row = try await db.fetchFirstRow(WebSQL.validToken(tokenHash: tokenHash, purpose: purpose, at: at))
            return (row != nil, try row?.optional("person_id", as: String.self))
        }
    }

    public func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool {
        try await backend.write { db in try await db.perform(WebSQL.useToken(tokenHash: tokenHash, purpose: purpose, at: at)) == 1 }
    }
}
