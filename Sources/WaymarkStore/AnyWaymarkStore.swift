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
        try await backend.appliedMigrations()
    }

    /// Lets go of the database (PostgreSQL: stops the connection pool). Call once, at the end.
    public func close() async {
        await closing()
    }

    public func enrol(_ enrolment: Enrolment) async throws -> Enrolment {
        try await base.enrol(enrolment)
    }

    public func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await base.enrolments(traineeID: traineeID)
    }

    public func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try await base.traineeRecords(traineeID: traineeID, answers: answers)
    }

    public func events(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await base.events(traineeID: traineeID, programmeID: programmeID)
    }

    public func eventsForProgress(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await base.eventsForProgress(traineeID: traineeID, programmeID: programmeID)
    }

    public func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
        try await base.forEachTraineeEvents(programmeID: programmeID, body)
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary) async throws {
        try await base.append(events, summary: summary)
        observer?.appended(events)
    }

    public func programmesWithTrainees() async throws -> [String] {
        try await base.programmesWithTrainees()
    }

    public func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage {
        try await base.summaries(programmeID: programmeID, stage: stage, offset: offset, limit: limit)
    }

    public func erasePersonalData(personID: String, by actorID: String, at: Date) async throws {
        try await base.erasePersonalData(personID: personID, by: actorID, at: at)
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws {
        try await base.append(events, summary: summary, certificate: change)
        observer?.appended(events)
    }

    public func certificate(code: String) async throws -> CertificateRecord? {
        try await base.certificate(code: code)
    }

    public func statusLists() async throws -> [StoredStatusList] {
        try await base.statusLists()
    }

    public func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList? {
        try await base.statusList(list, purpose: purpose)
    }

    public func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits {
        try await base.statusListBits(list, purpose: purpose)
    }

    public func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws {
        try await base.saveStatusList(list, purpose: purpose, built: built)
    }

    public func certificates(traineeID: String) async throws -> [CertificateRecord] {
        try await base.certificates(traineeID: traineeID)
    }

    public func certificates(programmeID: String?) async throws -> [CertificateRecord] {
        try await base.certificates(programmeID: programmeID)
    }

    public func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws {
        try await base.recordLookup(code: code, via: channel, at: at)
    }

    public func lookupCount(code: String) async throws -> LookupCount {
        try await base.lookupCount(code: code)
    }

    public func lookupDays(code: String, limit: Int) async throws -> [LookupDay] {
        try await base.lookupDays(code: code, limit: limit)
    }

    public func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool {
        try await base.allowLookup(address: address, at: at, limit: limit, window: window)
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
