import Foundation
import PostgresNIO

extension PostgresStore: WebStore {
    public func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(WebSQL.forgetSessions(endedBefore: at), logger: logger)
            try await connection.perform(
                WebSQL.insertSession(tokenHash: tokenHash, personID: personID, csrfToken: csrfToken, at: at, expiresAt: expiresAt),
                logger: logger
            )
        }
    }

    public func checkReachable() async throws {
        try await onConnection { [self] connection in _ = try await connection.fetchFirstRow(WebSQL.reachable, logger: logger) }
    }

    public func session(tokenHash: String, at: Date) async throws -> SessionRecord? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(WebSQL.session(tokenHash: tokenHash, at: at), logger: logger).map(WebSQL.session)
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await transaction { [self] connection in try await connection.perform(WebSQL.deleteSession(tokenHash: tokenHash), logger: logger) }
    }

    public func deleteSessions(personID: String) async throws {
        try await transaction { [self] connection in try await connection.perform(WebSQL.deleteSessions(personID: personID), logger: logger) }
    }

    public func endSessions(personID: String, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            let ended = try await connection.perform(WebSQL.deleteSessions(personID: personID), logger: logger)
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.sessions-ended", subjectID: personID, detail: String(ended)),
                logger: logger
            )
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(WebSQL.extendSession(tokenHash: tokenHash, expiresAt: expiresAt), logger: logger)
        }
    }

    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws {
        try await transaction { [self] connection in
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
        try await connection.perform(WebSQL.insertToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt), logger: logger)
    }

    public func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?) {
        try await onConnection { [self] connection in
            let row = try await connection.fetchFirstRow(WebSQL.validToken(tokenHash: tokenHash, purpose: purpose, at: at), logger: logger)
            return (row != nil, try row?.optional("person_id", as: String.self))
        }
    }

    public func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool {
        try await transaction { [self] connection in
            try await connection.perform(WebSQL.useToken(tokenHash: tokenHash, purpose: purpose, at: at), logger: logger) == 1
        }
    }

    public func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await transaction { [self] connection in
            let count = try await connection.fetchFirstRow(RateCounterSQL.hit(key: key, window: window, at: at), logger: logger)?
                .optional("count", as: Int.self) ?? 0
            try await connection.perform(RateCounterSQL.forgetPast(at: at.timeIntervalSince1970), logger: logger)
            return count <= limit
        }
    }

    public func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await onConnection { [self] connection in
            guard let row = try await connection.fetchFirstRow(RateCounterSQL.counter(key: key), logger: logger) else { return false }
            let start: Double = try row.required("window_start")
            let count: Int = try row.required("count")
            return start + window > at.timeIntervalSince1970 && count >= limit
        }
    }

    public func clearCounter(key: String) async throws {
        try await transaction { [self] connection in try await connection.perform(RateCounterSQL.clear(key: key), logger: logger) }
    }

    /// Counted by compare-and-swap, each statement on its own: the update only lands if nobody
    /// counted in between, otherwise it reads again. No lock is held across round trips, so a
    /// burst of tries on one account never queues behind a held row until it times out.
    public func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    {
        let now = at.timeIntervalSince1970
        for _ in 0..<1_000 {
            let outcome: AttemptCount? = try await onConnection { [self] connection in
                guard let row = try await connection.fetchFirstRow(RateCounterSQL.counter(key: key), logger: logger) else {
                    let made = try await connection.perform(RateCounterSQL.firstTry(key: key, at: now, forgetAfter: forgetAfter), logger: logger)
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
                let swapped = try await connection.perform(
                    RateCounterSQL.swapTries(key: key, last: last, count: count, tries: tries, at: now, forgetAfter: forgetAfter),
                    logger: logger
                )
                return swapped == 1 ? .counted(number: tries) : nil
            }
            if let outcome {
                if case .counted = outcome {
                    try await onConnection { [self] connection in _ = try await connection.perform(RateCounterSQL.forgetPast(at: now), logger: logger) }
                }
                return outcome
            }
        }
        throw StoreError.unavailable("too many sign-in tries at once for one key")
    }

    public func uncountAttempt(key: String) async throws {
        try await transaction { [self] connection in try await connection.perform(RateCounterSQL.uncount(key: key), logger: logger) }
    }

    public func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(
                WebSQL.saveDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID, text: text, at: at),
                logger: logger
            )
        }
    }

    public func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(WebSQL.draft(traineeID: traineeID, programmeID: programmeID, promptID: promptID), logger: logger)?
                .optional("text", as: String.self)
        }
    }

    public func drafts(traineeID: String) async throws -> [ReflectionDraft] {
        try await onConnection { [self] connection in try await connection.fetchRows(WebSQL.drafts(traineeID: traineeID), logger: logger).map(WebSQL.draft) }
    }

    public func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws {
        try await transaction { [self] connection in
            try await connection.perform(WebSQL.deleteDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID), logger: logger)
        }
    }

    public func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            guard try await connection.perform(WebSQL.setRoles(personID: personID, roles: roles), logger: logger) == 1 else {
                throw StoreError.notFound("The person")
            }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.roles", subjectID: personID, detail: PeopleSQL.encode(roles)),
                logger: logger
            )
        }
    }

    public func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            guard try await connection.perform(WebSQL.setActive(personID: personID, active: active), logger: logger) == 1 else {
                throw StoreError.notFound("The person")
            }
            if !active { try await connection.perform(WebSQL.deleteSessions(personID: personID), logger: logger) }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: active ? "person.activated" : "person.deactivated", subjectID: personID, detail: nil),
                logger: logger
            )
        }
    }

    public func supervisees(supervisorID: String) async throws -> [Enrolment] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(WebSQL.supervisees(supervisorID: supervisorID), logger: logger).map(RecordSQL.enrolment)
        }
    }

    public func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim {
        try await transaction { [self] connection in
            try await connection.perform(WebSQL.forgetSubmissions(before: at), logger: logger)
            if try await connection.perform(WebSQL.claimSubmission(key: key, personID: personID, at: at), logger: logger) == 1 { return .first }
            let location = try await connection.fetchFirstRow(WebSQL.submissionLocation(key: key), logger: logger)?.optional("location", as: String.self)
            return .repeated(location: location)
        }
    }

    public func completeSubmission(key: String, location: String) async throws {
        try await transaction { [self] connection in
            try await connection.perform(WebSQL.completeSubmission(key: key, location: location), logger: logger)
        }
    }

    public func releaseSubmission(key: String) async throws {
        try await transaction { [self] connection in try await connection.perform(WebSQL.releaseSubmission(key: key), logger: logger) }
    }
}
