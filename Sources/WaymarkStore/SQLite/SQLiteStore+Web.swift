import Foundation
import GRDB

extension SQLiteStore: WebStore {
    public func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [at.timeIntervalSince1970])
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, personID, csrfToken, at.timeIntervalSince1970, expiresAt.timeIntervalSince1970]
            )
        }
    }

    public func checkReachable() async throws {
        _ = try await read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func session(tokenHash: String, at: Date) async throws -> SessionRecord? {
        try quickRead { db in
            // Every request reads its session: keep the prepared statement (about a fifth of a
            // page's CPU went to preparing this SQL again each time).
            let statement = try db.cachedStatement(
                sql: """
                    SELECT p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at, s.csrf_token, s.expires_at, s.created_at
                    FROM sessions s JOIN people p ON p.id = s.person_id
                    WHERE s.token_hash = ? AND s.expires_at > ? AND p.active = 1
                    """
            )
            return try ColumnReader.first(statement, [tokenHash, at.timeIntervalSince1970]) { row in
                SessionRecord(
                    person: Person(
                        id: row.text(0) ?? "",
                        name: row.text(1) ?? "",
                        email: row.text(2) ?? "",
                        roles: PeopleSQL.decodeRoles(row.text(3) ?? ""),
                        passwordHash: row.text(4),
                        isActive: row.bool(5),
                        createdAt: Date(timeIntervalSince1970: row.double(6))
                    ),
                    csrfToken: row.text(7) ?? "",
                    expiresAt: Date(timeIntervalSince1970: row.double(8)),
                    createdAt: Date(timeIntervalSince1970: row.double(9))
                )
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func deleteSessions(personID: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM sessions WHERE person_id = ?", arguments: [personID]) }
    }

    public func endSessions(personID: String, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE person_id = ?", arguments: [personID])
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: "person.sessions-ended", subjectID: personID, detail: String(db.changesCount))
            )
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Date) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE sessions SET expires_at = ? WHERE token_hash = ? AND expires_at < ?",
                arguments: [expiresAt.timeIntervalSince1970, tokenHash, expiresAt.timeIntervalSince1970]
            )
        }
    }

    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws {
        try await write { db in try Self.insertToken(db, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt) }
    }

    static func insertToken(_ db: Database, tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) throws {
        try db.execute(
            sql: "INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [tokenHash, purpose.rawValue, personID, at.timeIntervalSince1970, expiresAt.timeIntervalSince1970]
        )
    }

    public func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?) {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT person_id FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
                arguments: [tokenHash, purpose.rawValue, at.timeIntervalSince1970]
            )
            return (row != nil, row?["person_id"])
        }
    }

    public func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
                arguments: [at.timeIntervalSince1970, tokenHash, purpose.rawValue, at.timeIntervalSince1970]
            )
            return db.changesCount == 1
        }
    }

    public func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await write { db in
            let now = at.timeIntervalSince1970
            try db.execute(
                sql: """
                    INSERT INTO rate_counters (key, window_start, count, forget_at) VALUES (?, ?, 1, ?)
                    ON CONFLICT (key) DO UPDATE SET
                        count = CASE WHEN rate_counters.window_start + ? <= excluded.window_start THEN 1 ELSE rate_counters.count + 1 END,
                        window_start = CASE WHEN rate_counters.window_start + ? <= excluded.window_start THEN excluded.window_start ELSE rate_counters.window_start END,
                        forget_at = CASE WHEN rate_counters.window_start + ? <= excluded.window_start THEN excluded.forget_at ELSE rate_counters.forget_at END
                    """,
                arguments: [key, now, now + window, window, window, window]
            )
            let count = try Int.fetchOne(db, sql: "SELECT count FROM rate_counters WHERE key = ?", arguments: [key]) ?? 0
            try Self.forgetPastCounters(db, at: now)
            return count <= limit
        }
    }

    public func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT window_start, count FROM rate_counters WHERE key = ?", arguments: [key]) else {
                return false
            }
            let start: Double = row["window_start"]
            let count: Int = row["count"]
            return start + window > at.timeIntervalSince1970 && count >= limit
        }
    }

    public func clearCounter(key: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM rate_counters WHERE key = ?", arguments: [key]) }
    }

    /// For tries, `window_start` is the time of the last counted try and `count` the tries in a
    /// row; the wait is worked out from them. SQLite has one writer, so reading and writing in
    /// one write transaction is atomic.
    public func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    {
        try await write { db in
            let now = at.timeIntervalSince1970
            var tries = 0
            if let row = try Row.fetchOne(db, sql: "SELECT window_start, count FROM rate_counters WHERE key = ?", arguments: [key]) {
                let last: Double = row["window_start"]
                let count: Int = row["count"]
                if last + forgetAfter > now {
                    let until = last + wait(count)
                    if until > now { return .waitUntil(Date(timeIntervalSince1970: until)) }
                    tries = min(max(count, 0), 1_000_000)
                }
            }
            tries += 1
            try db.execute(
                sql: """
                    INSERT INTO rate_counters (key, window_start, count, forget_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count, forget_at = excluded.forget_at
                    """,
                arguments: [key, now, tries, now + forgetAfter]
            )
            try Self.forgetPastCounters(db, at: now)
            return .counted(number: tries)
        }
    }

    /// Deletes a few counters whose window has passed (they count as nothing already). Every
    /// write that may make a counter deletes more than the one it makes, so however many keys
    /// anyone tries, the table holds little beyond the counters still in their window, and no
    /// request does more than a bounded piece of the cleaning.
    static func forgetPastCounters(_ db: Database, at now: Double) throws {
        try db.execute(
            sql: "DELETE FROM rate_counters WHERE key IN (SELECT key FROM rate_counters WHERE forget_at <= ? LIMIT ?)",
            arguments: [now, RateCounters.forgottenPerWrite]
        )
    }

    public func uncountAttempt(key: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE rate_counters SET count = count - 1 WHERE key = ? AND count > 0", arguments: [key])
        }
    }

    public func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO reflection_drafts (trainee_id, programme_id, prompt_id, text, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (trainee_id, programme_id, prompt_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
                    """,
                arguments: [traineeID, programmeID, promptID, text, at.timeIntervalSince1970]
            )
        }
    }

    public func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(
                db,
                sql: "SELECT text FROM reflection_drafts WHERE trainee_id = ? AND programme_id = ? AND prompt_id = ?",
                arguments: [traineeID, programmeID, promptID]
            )
        }
    }

    public func drafts(traineeID: String) async throws -> [ReflectionDraft] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM reflection_drafts WHERE trainee_id = ? ORDER BY programme_id, prompt_id",
                arguments: [traineeID]
            ).map { row in
                ReflectionDraft(
                    programmeID: row["programme_id"],
                    promptID: row["prompt_id"],
                    text: row["text"],
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"])
                )
            }
        }
    }

    public func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM reflection_drafts WHERE trainee_id = ? AND programme_id = ? AND prompt_id = ?",
                arguments: [traineeID, programmeID, promptID]
            )
        }
    }

    public func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE people SET roles = ? WHERE id = ?", arguments: [PeopleSQL.encode(roles), personID])
            guard db.changesCount == 1 else { throw StoreError.notFound("The person") }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "person.roles", subjectID: personID, detail: PeopleSQL.encode(roles)))
        }
    }

    public func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE people SET active = ? WHERE id = ?", arguments: [active, personID])
            guard db.changesCount == 1 else { throw StoreError.notFound("The person") }
            if !active { try db.execute(sql: "DELETE FROM sessions WHERE person_id = ?", arguments: [personID]) }
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: active ? "person.activated" : "person.deactivated", subjectID: personID, detail: nil)
            )
        }
    }

    public func supervisees(supervisorID: String) async throws -> [Enrolment] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM enrolments WHERE supervisor_id = ? ORDER BY enrolled_at", arguments: [supervisorID]).map(
                RecordSQL.enrolment
            )
        }
    }

    public func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim {
        try await write { db in
            try db.execute(sql: "DELETE FROM form_submissions WHERE created_at < ?", arguments: [at.timeIntervalSince1970 - SubmissionClaim.kept])
            try db.execute(
                sql: "INSERT INTO form_submissions (key, person_id, created_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                arguments: [key, personID, at.timeIntervalSince1970]
            )
            if db.changesCount == 1 { return .first }
            return .repeated(location: try String.fetchOne(db, sql: "SELECT location FROM form_submissions WHERE key = ?", arguments: [key]))
        }
    }

    public func completeSubmission(key: String, location: String) async throws {
        try await write { db in try db.execute(sql: "UPDATE form_submissions SET location = ? WHERE key = ?", arguments: [location, key]) }
    }

    public func releaseSubmission(key: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM form_submissions WHERE key = ?", arguments: [key]) }
    }
}
