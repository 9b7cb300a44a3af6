import GRDB
import Synchronization

/// Read-only connections for the small reads nearly every page makes (its session, one trainee's
/// records), run on the caller's own thread.
///
/// An `async` GRDB read hops to a dispatch queue and back: two thread wake-ups per read that cost a
/// page more CPU than the reads themselves. These reads stay where they are. They never wait for
/// GRDB's own reader pool either: an async read there keeps its reader until its task is resumed,
/// so threads blocked waiting for that pool could wait for ever. When every connection here is busy,
/// another is opened instead. Keep big reads (a whole cohort) on the async path, so they never
/// hold a thread that others are waiting for.
///
/// Every `SQLiteStore.read` runs on these connections; `traineeRecords` and `liveSession` use them
/// in one synchronous access each (`quickRead`). `waymark-store-bench`'s row "a trainee's events
/// for a page" times this path against an async GRDB read of the same rows: 139 µs against 213 µs
/// for 56 events (2026-12-02, release). Under `load_web.py` the unit page cost 176-198 µs of
/// server CPU when each of its statements was an access of its own, 137-150 µs in one access.
final class QuickReaders: Sendable {
    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<[DatabaseQueue]>([])
    /// Idle connections kept for reuse; a burst above this closes its extra ones afterwards.
    private let kept = 8

    init(path: String, configuration base: Configuration) {
        var configuration = base
        configuration.readonly = true
        configuration.label = "waymark.quick-read"
        self.path = path
        self.configuration = configuration
    }

    /// Runs `body` on the calling thread, outside a transaction: each statement reads its own
    /// snapshot. Every quick read is one statement, or statements that stay right without a
    /// shared snapshot (a trainee's enrolments, then each one's events), and GRDB's BEGIN and
    /// COMMIT cost as much as the read.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try connection.inDatabase(body)
    }

    /// Lends a connection for as long as `body` runs (`SQLiteSession` runs its statements on it).
    func withConnection<T>(_ body: (DatabaseQueue) async throws -> T) async throws -> T {
        let connection = try take()
        defer { giveBack(connection) }
        return try await body(connection)
    }

    private func take() throws -> DatabaseQueue {
        try idle.withLock { $0.popLast() } ?? DatabaseQueue(path: path, configuration: configuration)
    }

    private func giveBack(_ connection: DatabaseQueue) {
        idle.withLock { connections in
            if connections.count < kept { connections.append(connection) }
        }
    }
}
