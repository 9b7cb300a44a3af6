import Foundation
import GRDB

extension SQLiteStore: WebStore {
    public func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws {
        try await writeDatabase { db in
            try db.perform(WebSQL.forgetSessions(endedBefore: at))
            try db.perform(WebSQL.insertSession(tokenHash: tokenHash, personID: personID, csrfToken: csrfToken, at: at, expiresAt: expiresAt))
        }
    }

    public func checkReachable() async throws {
        try await readDatabase { db in _ = try db.fetchFirstRow(WebSQL.reachable) }
    }

    public func session(tokenHash: String, at: Date) async throws -> SessionRecord? {
        let query = WebSQL.session(tokenHash: tokenHash, at: at)
        return try quickRead { db in
            // Every request reads its session: keep the prepared statement (about a fifth of a
            // page's CPU went to preparing this SQL again each time), and read its columns by
            // position rather than through a `Row`.
            try ColumnReader.first(db.cachedStatement(sql: SQLDialect.sqlite.sql(query)), query.sqliteArguments) { row in
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
        try await writeDatabase { db in _ = try db.perform(WebSQL.deleteSession(tokenHash: tokenHash)) }
    }

    public func deleteSessions(personID: String) async throws {
        try await writeDatabase { db in _ = try db.perform(WebSQL.deleteSessions(personID: personID)) }
    }

    public func endSessions(personID: String, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            let ended = try db.perform(WebSQL.deleteSessions(personID: personID))
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "person.sessions-ended", subjectID: personID, detail: String(ended)))
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Date) async throws {
        try await writeDatabase { db in _ = try db.perform(WebSQL.extendSession(tokenHash: tokenHash, expiresAt: expiresAt)) }
    }

    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws {
        try await writeDatabase { db in try Self.insertToken(db, tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt) }
    }

    static func insertToken(_ db: Database, tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) throws {
        try db.perform(WebSQL.insertToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt))
    }

    public func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?) {
        try await readDatabase { db in
            let row = try db.fetchFirstRow(WebSQL.validToken(tokenHash: tokenHash, purpose: purpose, at: at))
            return (row != nil, try row?.optional("person_id", as: String.self))
        }
    }

    public func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool {
        try await writeDatabase { db in try db.perform(WebSQL.useToken(tokenHash: tokenHash, purpose: purpose, at: at)) == 1 }
    }

    public func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await writeDatabase { db in
            let count = try db.fetchFirstRow(RateCounterSQL.hit(key: key, window: window, at: at))?.optional("count", as: Int.self) ?? 0
            try db.perform(RateCounterSQL.forgetPast(at: at.timeIntervalSince1970))
            return count <= limit
        }
    }

    public func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await readDatabase { db in
            guard let row = try db.fetchFirstRow(RateCounterSQL.counter(key: key)) else { return false }
            let start: Double = try row.required("window_start")
            let count: Int = try row.required("count")
            return start + window > at.timeIntervalSince1970 && count >= limit
        }
    }

    public func clearCounter(key: String) async throws {
        try await writeDatabase { db in _ = try db.perform(RateCounterSQL.clear(key: key)) }
    }

    /// SQLite has one writer, so reading and writing in one write transaction is atomic.
    public func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    {
        try await writeDatabase { db in
            let now = at.timeIntervalSince1970
            var tries = 0
            if let row = try db.fetchFirstRow(RateCounterSQL.counter(key: key)) {
                let last: Double = try row.required("window_start")
                let count: Int = try row.required("count")
                if last + forgetAfter > now {
                    let until = last + wait(count)
                    if until > now { return .waitUntil(Date(timeIntervalSince1970: until)) }
                    tries = min(max(count, 0), 1_000_000)
                }
            }
            tries += 1
            try db.perform(RateCounterSQL.setTries(key: key, tries: tries, at: now, forgetAfter: forgetAfter))
            try db.perform(RateCounterSQL.forgetPast(at: now))
            return .counted(number: tries)
        }
    }

    public func uncountAttempt(key: String) async throws {
        try await writeDatabase { db in _ = try db.perform(RateCounterSQL.uncount(key: key)) }
    }

    public func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws {
        try await writeDatabase { db in _ = try db.perform(WebSQL.saveDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID, text: text, at: at)) }
    }

    public func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String? {
        try await readDatabase { db in
            try db.fetchFirstRow(WebSQL.draft(traineeID: traineeID, programmeID: programmeID, promptID: promptID))?.optional("text", as: String.self)
        }
    }

    public func drafts(traineeID: String) async throws -> [ReflectionDraft] {
        try await readDatabase { db in try db.fetchRows(WebSQL.drafts(traineeID: traineeID)).map(WebSQL.draft) }
    }

    public func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws {
        try await writeDatabase { db in _ = try db.perform(WebSQL.deleteDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID)) }
    }

    public func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            guard try db.perform(WebSQL.setRoles(personID: personID, roles: roles)) == 1 else { throw StoreError.notFound("The person") }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "person.roles", subjectID: personID, detail: PeopleSQL.encode(roles)))
        }
    }

    public func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            guard try db.perform(WebSQL.setActive(personID: personID, active: active)) == 1 else { throw StoreError.notFound("The person") }
            if !active { try db.perform(WebSQL.deleteSessions(personID: personID)) }
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: active ? "person.activated" : "person.deactivated", subjectID: personID, detail: nil)
            )
        }
    }

    public func supervisees(supervisorID: String) async throws -> [Enrolment] {
        try await readDatabase { db in try db.fetchRows(WebSQL.supervisees(supervisorID: supervisorID)).map(RecordSQL.enrolment) }
    }

    public func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim {
        try await writeDatabase { db in
            try db.perform(WebSQL.forgetSubmissions(before: at))
            if try db.perform(WebSQL.claimSubmission(key: key, personID: personID, at: at)) == 1 { return .first }
            return .repeated(location: try db.fetchFirstRow(WebSQL.submissionLocation(key: key))?.optional("location", as: String.self))
        }
    }

    public func completeSubmission(key: String, location: String) async throws {
        try await writeDatabase { db in _ = try db.perform(WebSQL.completeSubmission(key: key, location: location)) }
    }

    public func releaseSubmission(key: String) async throws {
        try await writeDatabase { db in _ = try db.perform(WebSQL.releaseSubmission(key: key)) }
    }
}
