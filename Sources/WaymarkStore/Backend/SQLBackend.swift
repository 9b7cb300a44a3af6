import WaymarkProgress
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

    /// Writes bookkeeping that no record depends on (a session's idle end, a posted form's key, a
    /// rate counter) in one transaction, as `write` does, without waiting for the disk. If the
    /// server process dies nothing is lost (the system holds the write); a power cut can lose the
    /// last of these, but never one that came before a `write`, whose wait for the disk takes
    /// everything before it along.
    func bookkeepingWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T

    // MARK: - Records, certificates and the outbox

    /// A trainee's enrolments, each with its events: every trainee's page reads this. SQLite
    /// reads it in one synchronous access on the calling thread; through `read`'s session each
    /// statement was an access of its own and the page cost more (`load_web.py`'s unit page).
    func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])]

    /// Every trainee's events on a programme, trainee by trainee, to `body` as they are read. A
    /// whole cohort is too big a read for SQLite's quick readers (it would hold one of the few
    /// threads that serve pages): SQLite reads it on GRDB's own reader, PostgreSQL streams it.
    func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws

    /// After an erasure: makes sure the erased text is gone from the database's files, not only
    /// from its rows (SQLite rewrites its file; PostgreSQL has nothing of its own to do).
    func compact() async throws

    /// In a write, before checking when a person was last sent mail of a kind: waits for any
    /// other transaction doing the same for them, so the second sees the first one's message.
    func holdMailLock(kind: OutboxKind, personID: String, in db: any SQLSession) async throws
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
