import Foundation
import GRDB

/// The store on one SQLite file: WAL mode so readers never wait for the writer, foreign keys on,
/// `synchronous = FULL` so an acknowledged write survives a crash or power cut.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    let quickReaders: QuickReaders
    /// Held by each write transaction from its BEGIN to its COMMIT (see `write`).
    let writeLock = AsyncLock()
    /// The migrations this opening applied (empty when the schema was already up to date).
    public let migratedNow: [String]

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public convenience init(path: String) throws {
        try self.init(path: path, migratingUpTo: nil)
    }

    /// Opens the database at `path` with its schema brought up to `lastMigration` only (all of
    /// them when nil): tests make a database as an older Waymark left it this way.
    init(path: String, migratingUpTo lastMigration: String?) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        // A write transaction spans several synchronous accesses to the writer (see `write`),
        // each leaving it open for the next; `writeLock` keeps anyone else off it meanwhile.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            quickReaders = QuickReaders(path: path, configuration: configuration)
            let before = try pool.read { db in try Migrations.migrator.appliedIdentifiers(db) }
            if let lastMigration {
                try Migrations.migrator.migrate(pool, upTo: lastMigration)
            } else {
                try Migrations.migrator.migrate(pool)
            }
            let after = try pool.read { db in try Migrations.migrator.appliedIdentifiers(db) }
            migratedNow = Migrations.names.filter { after.contains($0) && !before.contains($0) }
        } catch {
            throw StoreError.unavailable("\(path): \(error)")
        }
    }

    /// The applied migrations, in order.
    public func appliedMigrations() async throws -> [String] {
        try await readDatabase { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// Runs a write transaction, turning database errors into `StoreError`. It takes `writeLock`
    /// like `write`: a transaction of `write` stays open between its statements, and GRDB's own
    /// write run in between would find it open and fail to BEGIN.
    func writeDatabase<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writeLock.withLock { try await pool.write(body) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// Runs a read, turning database errors into `StoreError`.
    func readDatabase<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// A small read on the calling thread (see `QuickReaders`), turning database errors into
    /// `StoreError`. Only for reads of one person's or one trainee's rows.
    func quickRead<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try quickReaders.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    static func storeError(_ error: DatabaseError) -> StoreError {
        if error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY, error.message?.contains("events") == true {
            return .conflict
        }
        if error.resultCode == .SQLITE_CONSTRAINT, error.message?.contains("append-only") == true {
            return .refused("Events cannot be changed or deleted: the record is append-only.")
        }
        return .unavailable(error.description)
    }
}
