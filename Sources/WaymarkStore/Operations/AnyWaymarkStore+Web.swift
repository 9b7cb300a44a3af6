import Foundation

extension AnyWaymarkStore {
    public func checkReachable() async throws {
        try await backend.read { db in _ = try await db.fetchFirstRow(WebSQL.reachable) }
    }

    /// The migrations this version knows, in their order, that the database has not had.
    public func pendingMigrations() async throws -> [String] {
        let applied = Set(try await backend.appliedMigrations())
        return Schema.migrations.map(\.name).filter { !applied.contains($0) }
    }

    public func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws {
        try await backend.write { db in
            _ = try await db.perform(WebSQL.saveDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID, text: text, at: at))
        }
    }

    public func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String? {
        try await backend.read { db in
            try await db.fetchFirstRow(WebSQL.draft(traineeID: traineeID, programmeID: programmeID, promptID: promptID))?.optional("text", as: String.self)
        }
    }

    public func drafts(traineeID: String) async throws -> [ReflectionDraft] {
        try await backend.read { db in try await db.fetchRows(WebSQL.drafts(traineeID: traineeID)).map(WebSQL.draft) }
    }

    public func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws {
        try await backend.write { db in _ = try await db.perform(WebSQL.deleteDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID)) }
    }

    public func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            guard try await db.perform(WebSQL.setRoles(personID: personID, roles: roles)) == 1 else { throw StoreError.notFound("The person") }
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "person.roles", subjectID: personID, detail: PeopleSQL.encode(roles)))
        }
    }

    public func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            guard try await db.perform(WebSQL.setActive(personID: personID, active: active)) == 1 else { throw StoreError.notFound("The person") }
            if !active { try await db.perform(WebSQL.deleteSessions(personID: personID)) }
            try await db.insertAudit(
                AuditEntry(at: at, actorID: actorID, action: active ? "person.activated" : "person.deactivated", subjectID: personID, detail: nil)
            )
        }
    }

    public func supervisees(supervisorID: String) async throws -> [Enrolment] {
        try await backend.read { db in try await db.fetchRows(WebSQL.supervisees(supervisorID: supervisorID)).map(RecordSQL.enrolment) }
    }

    /// A posted form's key is bookkeeping. A power cut can lose only its last step (where the
    /// form went, written after the record's own write, whose wait for the disk took the claim
    /// along): a repeat of that one form is then told it is still being saved, and the same form
    /// from a fresh page goes through.
    public func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim {
        try await backend.bookkeepingWrite { db in
            try await db.perform(WebSQL.forgetSubmissions(before: at))
            if try await db.perform(WebSQL.claimSubmission(key: key, personID: personID, at: at)) == 1 { return .first }
            return .repeated(location: try await db.fetchFirstRow(WebSQL.submissionLocation(key: key))?.optional("location", as: String.self))
        }
    }

    public func completeSubmission(key: String, location: String) async throws {
        try await backend.bookkeepingWrite { db in _ = try await db.perform(WebSQL.completeSubmission(key: key, location: location)) }
    }

    public func releaseSubmission(key: String) async throws {
        try await backend.bookkeepingWrite { db in _ = try await db.perform(WebSQL.releaseSubmission(key: key)) }
    }
}
