import Foundation
import PostgresNIO

extension PostgresStore: WebStore {
    public func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws {
        try await write { [self] connection in
            try await connection.run("DELETE FROM sessions WHERE expires_at < \(at.timeIntervalSince1970)", logger: logger)
            try await connection.run(
                """
                INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at)
                VALUES (\(tokenHash), \(personID), \(csrfToken), \(at.timeIntervalSince1970), \(expiresAt.timeIntervalSince1970))
                """,
                logger: logger
            )
        }
    }

    public func checkReachable() async throws {
        try await read { [self] connection in _ = try await connection.rows("SELECT 1", logger: logger) }
    }

    public func session(tokenHash: String, at: Date) async throws -> SessionRecord? {
        try await read { [self] connection in
            guard
                let row = try await connection.rows(
                    """
                    SELECT p.*, s.csrf_token, s.expires_at, s.created_at AS session_created_at FROM sessions s JOIN people p ON p.id = s.person_id
                    WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(at.timeIntervalSince1970) AND p.active
                    """,
                    logger: logger
                ).first
            else { return nil }
            return SessionRecord(
                person: try PeopleSQL.person(row),
                csrfToken: try row.required("csrf_token"),
                expiresAt: try row.requiredDate("expires_at"),
                createdAt: try row.requiredDate("session_created_at")
            )
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { [self] connection in try await connection.run("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: logger) }
    }

    public func deleteSessions(personID: String) async throws {
        try await write { [self] connection in try await connection.run("DELETE FROM sessions WHERE person_id = \(personID)", logger: logger) }
    }

    public func endSessions(personID: String, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            let ended = try await connection.run("DELETE FROM sessions WHERE person_id = \(personID) RETURNING 1", logger: logger)
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.sessions-ended", subjectID: personID, detail: String(ended)),
                logger: logger
            )
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Date) async throws {
        try await write { [self] connection in
            let until = expiresAt.timeIntervalSince1970
            try await connection.run(
                "UPDATE sessions SET expires_at = \(until) WHERE token_hash = \(tokenHash) AND expires_at < \(until)",
                logger: logger
            )
        }
    }

    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws {
        try await write { [self] connection in
            try await Self.insertToken(connection, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt, logger: logger)
        }
    }

    static func insertToken(
        _ connection: PostgresConnection,
        tokenHash: String,
        purpose: TokenPurpose,
        personID: String?,
        at: Date,
        expiresAt: Date,
        logger: Logger
    ) async throws {
        try await connection.run(
            """
            INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at)
            VALUES (\(tokenHash), \(purpose.rawValue), \(personID), \(at.timeIntervalSince1970), \(expiresAt.timeIntervalSince1970))
            """,
            logger: logger
        )
    }

    public func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?) {
        try await read { [self] connection in
            let row = try await connection.rows(
                """
                SELECT person_id FROM one_time_tokens
                WHERE token_hash = \(tokenHash) AND purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > \(at.timeIntervalSince1970)
                """,
                logger: logger
            ).first
            return (row != nil, try row?.value("person_id", as: String.self))
        }
    }

    public func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool {
        try await write { [self] connection in
            let changed = try await connection.run(
                """
                UPDATE one_time_tokens SET used_at = \(at.timeIntervalSince1970)
                WHERE token_hash = \(tokenHash) AND purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > \(at.timeIntervalSince1970)
                RETURNING 1
                """,
                logger: logger
            )
            return changed == 1
        }
    }

    public func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await write { [self] connection in
            // One statement, so two servers counting at once both count.
            let count =
                try await connection.rows(
                    """
                    INSERT INTO rate_counters AS r (key, window_start, count, forget_at)
                    VALUES (\(key), \(at.timeIntervalSince1970), 1, \(at.timeIntervalSince1970 + window))
                    ON CONFLICT (key) DO UPDATE SET
                        count = CASE WHEN r.window_start + \(window) <= excluded.window_start THEN 1 ELSE r.count + 1 END,
                        window_start = CASE WHEN r.window_start + \(window) <= excluded.window_start THEN excluded.window_start ELSE r.window_start END,
                        forget_at = CASE WHEN r.window_start + \(window) <= excluded.window_start THEN excluded.forget_at ELSE r.forget_at END
                    RETURNING count
                    """,
                    logger: logger
                ).first?.value("count", as: Int.self) ?? 0
            try await forgetPastCounters(connection, at: at.timeIntervalSince1970)
            return count <= limit
        }
    }

    public func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await read { [self] connection in
            guard let row = try await connection.rows("SELECT window_start, count FROM rate_counters WHERE key = \(key)", logger: logger).first
            else { return false }
            let start: Double = try row.required("window_start")
            let count: Int = try row.required("count")
            return start + window > at.timeIntervalSince1970 && count >= limit
        }
    }

    public func clearCounter(key: String) async throws {
        try await write { [self] connection in try await connection.run("DELETE FROM rate_counters WHERE key = \(key)", logger: logger) }
    }

    /// For tries, `window_start` is the time of the last counted try and `count` the tries in a
    /// row. Counted by compare-and-swap, each statement on its own: the update only lands if
    /// nobody counted in between, otherwise it reads again. No lock is held across round trips,
    /// so a burst of tries on one account never queues behind a held row until it times out.
    public func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    {
        let now = at.timeIntervalSince1970
        for _ in 0..<1_000 {
            let outcome: AttemptCount? = try await read { [self] connection in
                guard
                    let row = try await connection.rows("SELECT window_start, count FROM rate_counters WHERE key = \(key)", logger: logger).first
                else {
                    let made = try await connection.run(
                        """
                        INSERT INTO rate_counters (key, window_start, count, forget_at) VALUES (\(key), \(now), 1, \(now + forgetAfter))
                        ON CONFLICT (key) DO NOTHING RETURNING 1
                        """,
                        logger: logger
                    )
                    return made == 1 ? .counted(number: 1) : nil
                }
                let last: Double = try row.required("window_start")
                let count: Int = try row.required("count")
                var tries = 0
                if last + forgetAfter > now {
                    let until = last + wait(count)
                    if count > 0, until > now { return .waitUntil(Date(timeIntervalSince1970: until)) }
                    tries = min(max(count, 0), 1_000_000)
                }
                tries += 1
                let swapped = try await connection.run(
                    """
                    UPDATE rate_counters SET window_start = \(now), count = \(tries), forget_at = \(now + forgetAfter)
                    WHERE key = \(key) AND window_start = \(last) AND count = \(count) RETURNING 1
                    """,
                    logger: logger
                )
                return swapped == 1 ? .counted(number: tries) : nil
            }
            if let outcome {
                if case .counted = outcome { try await read { [self] connection in try await forgetPastCounters(connection, at: now) } }
                return outcome
            }
        }
        throw StoreError.unavailable("too many sign-in tries at once for one key")
    }

    /// Deletes a few counters whose window has passed (they count as nothing already), as
    /// `SQLiteStore.forgetPastCounters` does. Rows another server is changing are skipped, not
    /// waited for, and a counter brought back to life meanwhile is kept: the outer condition is
    /// checked again on the row as it is now.
    func forgetPastCounters(_ connection: PostgresConnection, at now: Double) async throws {
        try await connection.run(
            """
            DELETE FROM rate_counters WHERE forget_at <= \(now) AND key IN (
                SELECT key FROM rate_counters WHERE forget_at <= \(now) LIMIT \(RateCounters.forgottenPerWrite) FOR UPDATE SKIP LOCKED
            )
            """,
            logger: logger
        )
    }

    public func uncountAttempt(key: String) async throws {
        try await write { [self] connection in
            try await connection.run("UPDATE rate_counters SET count = count - 1 WHERE key = \(key) AND count > 0", logger: logger)
        }
    }

    public func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws {
        try await write { [self] connection in
            try await connection.run(
                """
                INSERT INTO reflection_drafts (trainee_id, programme_id, prompt_id, text, updated_at)
                VALUES (\(traineeID), \(programmeID), \(promptID), \(text), \(at.timeIntervalSince1970))
                ON CONFLICT (trainee_id, programme_id, prompt_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
                """,
                logger: logger
            )
        }
    }

    public func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String? {
        try await read { [self] connection in
            try await connection.rows(
                "SELECT text FROM reflection_drafts WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) AND prompt_id = \(promptID)",
                logger: logger
            ).first?.value("text", as: String.self)
        }
    }

    public func drafts(traineeID: String) async throws -> [ReflectionDraft] {
        try await read { [self] connection in
            try await connection.rows(
                "SELECT * FROM reflection_drafts WHERE trainee_id = \(traineeID) ORDER BY programme_id COLLATE \"C\", prompt_id COLLATE \"C\"",
                logger: logger
            ).map { row in
                ReflectionDraft(
                    programmeID: try row.required("programme_id"),
                    promptID: try row.required("prompt_id"),
                    text: try row.required("text"),
                    updatedAt: try row.requiredDate("updated_at")
                )
            }
        }
    }

    public func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws {
        try await write { [self] connection in
            try await connection.run(
                "DELETE FROM reflection_drafts WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) AND prompt_id = \(promptID)",
                logger: logger
            )
        }
    }

    public func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            let encoded = PeopleSQL.encode(roles)
            guard try await connection.run("UPDATE people SET roles = \(encoded) WHERE id = \(personID) RETURNING 1", logger: logger) == 1 else {
                throw StoreError.notFound("The person")
            }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.roles", subjectID: personID, detail: encoded),
                logger: logger
            )
        }
    }

    public func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            guard try await connection.run("UPDATE people SET active = \(active) WHERE id = \(personID) RETURNING 1", logger: logger) == 1 else {
                throw StoreError.notFound("The person")
            }
            if !active { try await connection.run("DELETE FROM sessions WHERE person_id = \(personID)", logger: logger) }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: active ? "person.activated" : "person.deactivated", subjectID: personID, detail: nil),
                logger: logger
            )
        }
    }

    public func supervisees(supervisorID: String) async throws -> [Enrolment] {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM enrolments WHERE supervisor_id = \(supervisorID) ORDER BY enrolled_at", logger: logger)
                .map(RecordSQL.enrolment)
        }
    }

    public func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim {
        try await write { [self] connection in
            try await connection.run(
                "DELETE FROM form_submissions WHERE created_at < \(at.timeIntervalSince1970 - SubmissionClaim.kept)",
                logger: logger
            )
            let claimed = try await connection.run(
                """
                INSERT INTO form_submissions (key, person_id, created_at) VALUES (\(key), \(personID), \(at.timeIntervalSince1970))
                ON CONFLICT (key) DO NOTHING RETURNING 1
                """,
                logger: logger
            )
            if claimed == 1 { return .first }
            let location = try await connection.rows("SELECT location FROM form_submissions WHERE key = \(key)", logger: logger).first?
                .value("location", as: String.self)
            return .repeated(location: location)
        }
    }

    public func completeSubmission(key: String, location: String) async throws {
        try await write { [self] connection in
            try await connection.run("UPDATE form_submissions SET location = \(location) WHERE key = \(key)", logger: logger)
        }
    }

    public func releaseSubmission(key: String) async throws {
        try await write { [self] connection in try await connection.run("DELETE FROM form_submissions WHERE key = \(key)", logger: logger) }
    }
}
