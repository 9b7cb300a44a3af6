import Foundation

/// A database as the store sees it: sessions to read and to write, and the few things that are
/// done differently on each database. `AnyWaymarkStore` writes every operation once over this.
protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }

    /// Reads. Each statement sees its own moment unless `snapshot` (then all see the same one).
    /// Database errors come out as `StoreError`.
    func read<T: Sendable>(snapshot: Bool, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T

    /// Writes in one transaction: all of `body` or, when it throws, none of it. Database errors
    /// come out as `StoreError` (`conflict` for an event number taken, `duplicateEmail`...).
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T

    // MARK: - Web

    /// The live session with this token hash of an active person (`WebSQL.session`). Every page
    /// reads it: SQLite keeps the statement prepared and reads its columns by position on the
    /// calling thread (`ColumnReader`), which a `SQLRow` read by name cannot match.
    func liveSession(tokenHash: String, at: Date) async throws -> SessionRecord?

    /// Writes for compare-and-swap, whose statements are each atomic alone. PostgreSQL commits
    /// each as it runs, so a burst on one row never queues behind a lock held across round trips;
    /// SQLite runs them in one write transaction, as atomic with its one writer and one COMMIT.
    func writeStatementByStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T

    /// The migrations the database has had, in order, kept where each database keeps them
    /// (GRDB's migrator; PostgreSQL's `schema_migrations`): none when it was never migrated.
    func appliedMigrations() async throws -> [String]

    // MARK: - Curriculum versions

    /// Writes in one transaction that runs alone among those of the same `name` on every server
    /// of the database, waiting up to `timeout` for its turn: PostgreSQL takes an advisory lock
    /// for the transaction (one per name and schema); SQLite's one writer already runs one write
    /// at a time.
    func writeAlone<T: Sendable>(named name: String, timeout: Duration, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T
}

extension SQLBackend {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await read(snapshot: false, body)
    }
}
