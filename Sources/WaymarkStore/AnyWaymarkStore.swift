import Foundation
import GRDB
import PostgresNIO
import WaymarkCertificates
import WaymarkProgress

/// The store: every operation written once over a `SQLBackend` (SQLite or PostgreSQL, chosen
/// when the program starts), so commands, the web app and tests are written once for both.
public final class AnyWaymarkStore: WaymarkStore {
    /// The database, with the operations still written per database (see `UnportedStores`).
    let base: any SQLBackend & UnportedStores
    /// The database, as `SQLSession`s to read and write.
    var backend: any SQLBackend { base }
    /// Where the data is, for messages (never with a password).
    public let location: String
    /// The migrations opening it applied (empty when its schema was up to date).
    public let migratedNow: [String]
    /// Told of each append (see `observed(by:)`).
    let observer: (any StoreObserver)?
    let closing: @Sendable () async -> Void

    init(
        _ base: any SQLBackend & UnportedStores,
        location: String,
        migratedNow: [String],
        observer: (any StoreObserver)? = nil,
        close: @escaping @Sendable () async -> Void
    ) {
        self.base = base
        self.location = location
        self.migratedNow = migratedNow
        self.observer = observer
        self.closing = close
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() async throws -> [String] {
        switch base {
        case let sqlite as SQLiteStore: try await sqlite.appliedMigrations()
        case let postgres as PostgresStore: try await postgres.appliedMigrations()
        default: []
        }
    }

    /// Lets go of the database (PostgreSQL: stops the connection pool). Call once, at the end.
    public func close() async {
        await closing()
    }

    public func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws {
        try await base.recordVetting(record, by: actorID, at: at)
    }

    public func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord? {
        try await base.vettingRecord(traineeID: traineeID, viewedBy: viewerID, at: at)
    }

    public func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws {
        try await base.addVettingNote(traineeID: traineeID, text: text, by: actorID, at: at)
    }

    public func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote] {
        try await base.vettingNotes(traineeID: traineeID, viewedBy: viewerID, at: at)
    }

    public func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int {
        try await base.purgeVettingNotes(recordedBefore: cutoff, by: actorID, at: at)
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await base.audit(entry)
    }

    public func auditEntries(subjectID: String) async throws -> [AuditEntry] {
        try await base.auditEntries(subjectID: subjectID)
    }

    public func auditLog(_ query: AuditQuery) async throws -> AuditPage {
        try await base.auditLog(query)
    }

    public func auditActions() async throws -> [String] {
        try await base.auditActions()
    }

    public func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws {
        try await base.createSession(tokenHash: tokenHash, personID: personID, csrfToken: csrfToken, at: at, expiresAt: expiresAt)
    }

    public func checkReachable() async throws {
        try await base.checkReachable()
    }

    public func pendingMigrations() async throws -> [String] {
        try await base.pendingMigrations()
    }

    public func session(tokenHash: String, at: Date) async throws -> SessionRecord? {
        try await base.session(tokenHash: tokenHash, at: at)
    }

    public func deleteSession(tokenHash: String) async throws {
        try await base.deleteSession(tokenHash: tokenHash)
    }

    public func deleteSessions(personID: String) async throws {
        try await base.deleteSessions(personID: personID)
    }

    public func endSessions(personID: String, by actorID: String, at: Date) async throws {
        try await base.endSessions(personID: personID, by: actorID, at: at)
    }

    public func extendSession(tokenHash: String, expiresAt: Date) async throws {
        try await base.extendSession(tokenHash: tokenHash, expiresAt: expiresAt)
    }

    public func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws {
        try await base.createToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt)
    }

    public func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?) {
        try await base.validToken(tokenHash: tokenHash, purpose: purpose, at: at)
    }

    public func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool {
        try await base.useToken(tokenHash: tokenHash, purpose: purpose, at: at)
    }

    public func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await base.hit(key: key, limit: limit, window: window, at: at)
    }

    public func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool {
        try await base.isLimited(key: key, limit: limit, window: window, at: at)
    }

    public func clearCounter(key: String) async throws {
        try await base.clearCounter(key: key)
    }

    public func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    {
        try await base.countAttempt(key: key, at: at, forgetAfter: forgetAfter, wait: wait)
    }

    public func uncountAttempt(key: String) async throws {
        try await base.uncountAttempt(key: key)
    }

    public func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws {
        try await base.saveDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID, text: text, at: at)
    }

    public func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String? {
        try await base.draft(traineeID: traineeID, programmeID: programmeID, promptID: promptID)
    }

    public func drafts(traineeID: String) async throws -> [ReflectionDraft] {
        try await base.drafts(traineeID: traineeID)
    }

    public func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws {
        try await base.deleteDraft(traineeID: traineeID, programmeID: programmeID, promptID: promptID)
    }

    public func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws {
        try await base.setRoles(personID: personID, roles: roles, by: actorID, at: at)
    }

    public func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws {
        try await base.setActive(personID: personID, active: active, by: actorID, at: at)
    }

    public func supervisees(supervisorID: String) async throws -> [Enrolment] {
        try await base.supervisees(supervisorID: supervisorID)
    }

    public func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim {
        try await base.claimSubmission(key: key, personID: personID, at: at)
    }

    public func completeSubmission(key: String, location: String) async throws {
        try await base.completeSubmission(key: key, location: location)
    }

    public func releaseSubmission(key: String) async throws {
        try await base.releaseSubmission(key: key)
    }
}

extension AnyWaymarkStore {
    public func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome {
        let outcome = try await base.submitApplication(application)
        if case .submitted = outcome { observer?.appended([application.event]) }
        return outcome
    }

    public func application(traineeID: String) async throws -> ApplicationDetails? {
        try await base.application(traineeID: traineeID)
    }

    public func applicationsOpen() async throws -> Bool {
        try await base.applicationsOpen()
    }

    public func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws {
        try await base.setApplicationsOpen(open, by: actorID, at: at)
    }

    public func staleApplicants(appliedBefore cutoff: Date) async throws -> [String] {
        try await base.staleApplicants(appliedBefore: cutoff)
    }
}

extension AnyWaymarkStore {
    /// Copies this SQLite installation into an empty PostgreSQL store (see `StoreCopy`).
    public func copy(
        into target: AnyWaymarkStore,
        progress: @escaping @Sendable (StoreCopy.Progress) -> Void = { _ in }
    ) async throws -> [StoreCopy.TableCount] {
        guard let source = base as? SQLiteStore else { throw StoreError.refused("Export copies from a SQLite installation.") }
        guard let destination = target.base as? PostgresStore else { throw StoreError.refused("Export copies into a PostgreSQL database.") }
        return try await StoreCopy.copy(from: source, to: destination, progress: progress)
    }

    /// Deletes a throwaway test schema (`?schema=waymark_test_...`) and everything in it. Refuses
    /// any other schema, so it can never remove a real installation.
    public func dropTestSchema() async throws {
        guard let postgres = base as? PostgresStore else { return }
        try await postgres.dropTestSchema()
    }

    /// Runs raw SQL outside the store's rules' API, for tests that check the database itself
    /// refuses changes to the record (the append-only triggers).
    func execute(unsafeSQL sql: String) async throws {
        switch base {
        case let sqlite as SQLiteStore: try await sqlite.writeDatabase { db in try db.execute(sql: sql) }
        case let postgres as PostgresStore:
            try await postgres.transaction { connection in try await connection.run(PostgresQuery(unsafeSQL: sql), logger: postgres.logger) }
        default: throw StoreError.refused("unknown store")
        }
    }
}

extension AnyWaymarkStore {
    /// The number a raw `SELECT COUNT(*)` gives, for tests that look at a table directly.
    func count(unsafeSQL sql: String) async throws -> Int {
        switch base {
        case let sqlite as SQLiteStore: return try await sqlite.readDatabase { db in try Int.fetchOne(db, sql: sql) ?? 0 }
        case let postgres as PostgresStore:
            return try await postgres.onConnection { connection in
                try await connection.rows(PostgresQuery(unsafeSQL: sql), logger: postgres.logger).first.map { try $0[0].decode(Int.self) } ?? 0
            }
        default: throw StoreError.refused("unknown store")
        }
    }
}

extension AnyWaymarkStore {
    /// Every text column of every table in the store's schema (PostgreSQL), for tests that look
    /// for text that must be gone from the whole database.
    func textColumns() async throws -> [(table: String, column: String)] {
        guard let postgres = base as? PostgresStore else { return [] }
        return try await postgres.onConnection { connection in
            try await connection.rows(
                """
                SELECT table_name::TEXT AS t, column_name::TEXT AS c FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') ORDER BY 1, 2
                """,
                logger: postgres.logger
            ).map { (try $0.required("t", as: String.self), try $0.required("c", as: String.self)) }
        }
    }
}

extension PostgresStore {
    func dropTestSchema() async throws {
        guard let schema = settings.schema, schema.hasPrefix("waymark_test_") else {
            throw StoreError.refused("Only a waymark_test_ schema can be dropped.")
        }
        try await transaction { [self] connection in
            try await connection.run(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(Self.quoted(schema)) CASCADE"), logger: logger)
        }
    }
}
