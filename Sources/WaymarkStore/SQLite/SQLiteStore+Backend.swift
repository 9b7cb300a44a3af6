import GRDB

extension SQLiteStore: SQLBackend {
    var dialect: SQLDialect { .sqlite }

    /// Reads on a connection of `QuickReaders`, on the calling thread. With `snapshot` the
    /// statements share one read transaction.
    func read<T: Sendable>(snapshot: Bool, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        do {
            return try await quickReaders.withConnection { connection in
                let session = SQLiteSession(connection: connection)
                guard snapshot else { return try await body(session) }
                try session.execute("BEGIN DEFERRED")
                do {
                    let value = try await body(session)
                    try session.execute("COMMIT")
                    return value
                } catch {
                    try? session.execute("ROLLBACK")
                    throw error
                }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }

    /// One write transaction at a time (`writeLock`), its statements run on the calling thread
    /// and its COMMIT on GRDB's writer queue: with `synchronous = FULL` the COMMIT waits for the
    /// disk, and that wait must not hold one of the few threads that serve pages.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await transaction(body) { [pool] _ in
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
        }
    }

    /// As `write`, but committed at `synchronous = NORMAL` and on the calling thread: in WAL mode
    /// such a COMMIT writes the log without waiting for the disk (the next FULL COMMIT's wait
    /// covers it), so it needs no trip to GRDB's queue either. Every posted form wrote two of these
    /// beside its one record write.
    func bookkeepingWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await transaction(body, synchronous: "NORMAL") { session in try session.execute("COMMIT") }
    }

    /// BEGIN IMMEDIATE, `body` and `commit` under `writeLock`, or ROLLBACK when any of them throws;
    /// with `synchronous`, the connection runs at that level for this transaction alone.
    private func transaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLSession) async throws -> T,
        synchronous: String? = nil,
        commit: @escaping @Sendable (SQLiteSession) async throws -> Void
    ) async throws -> T {
        do {
            return try await writeLock.withLock {
                let session = SQLiteSession(connection: pool)
                if let synchronous { try session.execute("PRAGMA synchronous = \(synchronous)") }
                defer { if synchronous != nil { try? session.execute("PRAGMA synchronous = FULL") } }
                try session.execute("BEGIN IMMEDIATE")
                do {
                    let value = try await body(session)
                    try await commit(session)
                    return value
                } catch {
                    try? session.access { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
                    throw error
                }
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error)
        }
    }
}
