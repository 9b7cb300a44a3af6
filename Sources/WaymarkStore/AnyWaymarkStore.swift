import Foundation
import GRDB
import PostgresNIO
import WaymarkCertificates
import WaymarkProgress

/// The store: every operation written once over a `SQLBackend` (SQLite or PostgreSQL, chosen
/// when the program starts), so commands, the web app and tests are written once for both.
public final class AnyWaymarkStore: WaymarkStore {
    /// The database, as `SQLSession`s to read and write and the few steps each does its own way.
    let backend: any SQLBackend
    /// Where the data is, for messages (never with a password).
    public let location: String
    /// The migrations opening it applied (empty when its schema was up to date).
    public let migratedNow: [String]
    /// Told of each append (see `observed(by:)`).
    let observer: (any StoreObserver)?
    let closing: @Sendable () async -> Void

    init(
        _ backend: any SQLBackend,
        location: String,
        migratedNow: [String],
        observer: (any StoreObserver)? = nil,
        close: @escaping @Sendable () async -> Void
    ) {
        self.backend = backend
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
}

extension AnyWaymarkStore {
    /// Copies this SQLite installation into an empty PostgreSQL store (see `StoreCopy`).
    public func copy(
        into target: AnyWaymarkStore,
        progress: @escaping @Sendable (StoreCopy.Progress) -> Void = { _ in }
    ) async throws -> [StoreCopy.TableCount] {
        guard let source = backend as? SQLiteStore else { throw StoreError.refused("Export copies from a SQLite installation.") }
        guard let destination = target.backend as? PostgresStore else { throw StoreError.refused("Export copies into a PostgreSQL database.") }
        return try await StoreCopy.copy(from: source, to: destination, progress: progress)
    }

    /// Deletes a throwaway test schema (`?schema=waymark_test_...`) and everything in it. Refuses
    /// any other schema, so it can never remove a real installation.
    public func dropTestSchema() async throws {
        guard let postgres = backend as? PostgresStore else { return }
        try await postgres.dropTestSchema()
    }

    /// Runs raw SQL outside the store's rules' API, for tests that check the database itself
    /// refuses changes to the record (the append-only triggers).
    func execute(unsafeSQL sql: String) async throws {
        switch backend {
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
        switch backend {
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
        guard let postgres = backend as? PostgresStore else { return [] }
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
