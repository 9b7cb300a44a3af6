import GRDB
import WaymarkProgress

/// Statements on one SQLite connection, run on the calling thread.
///
/// An `async` GRDB call hops to a dispatch queue and back for each transaction: two thread
/// wake-ups that cost a page more CPU than its statements. Here each statement runs where the
/// caller is (`DatabaseWriter`'s synchronous access), so a store operation costs no hop at all;
/// only a write's COMMIT, which waits for the disk, goes to GRDB's queue (`SQLiteStore.write`).
struct SQLiteSession: SQLSession {
    /// A reader from `QuickReaders`, or the pool's one writer while `SQLiteStore.write` holds it.
    let connection: any DatabaseWriter

    @discardableResult
    func perform(_ statement: SQLStatement) async throws -> Int {
        try access { db in try db.perform(statement) }
    }

    func fetchRows(_ statement: SQLStatement) async throws -> [any SQLRow] {
        try access { db in try db.fetchRows(statement) }
    }

    func fetchFirstRow(_ statement: SQLStatement) async throws -> (any SQLRow)? {
        try access { db in try db.fetchFirstRow(statement) }
    }

    func performPrepared(_ statement: SQLStatement) async throws {
        try access { db in try db.performPrepared(statement) }
    }

    func events(traineeID: String, programmeID: String, answers: Bool) async throws -> [TraineeEvent] {
        try access { db in try SQLiteStore.events(db, traineeID: traineeID, programmeID: programmeID, answers: answers) }
    }

    func execute(_ sql: String) throws {
        try access { db in try db.execute(sql: sql) }
    }

    /// Synchronous, so GRDB's blocking access is chosen rather than its `async` one.
    func access<T>(_ body: (Database) throws -> T) throws -> T {
        try connection.writeWithoutTransaction(body)
    }
}
