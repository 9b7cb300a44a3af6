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
        do {
            return try await writeLock.withLock {
                let session = SQLiteSession(connection: pool)
                try session.execute("BEGIN IMMEDIATE")
                do {
                    let value = try await body(session)
                    try await pool.writeWithoutTransaction { db in
                        do {
                            try db.execute(sql: "COMMIT")
                        } catch {
                            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                            throw error
                        }
                    }
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

    /// As `write`, but committed at `synchronous = NORMAL` and on the calling thread: in WAL mode
    /// such a COMMIT writes the log without waiting for the disk (the next FULL COMMIT's wait
    /// covers it), so it needs no trip to GRDB's queue either. Every posted form wrote two of these
    /// beside its one record write.
    func bookkeepingWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        do {
            return try await writeLock.withLock {
                let session = SQLiteSession(connection: pool)
                try session.execute("PRAGMA synchronous = NORMAL")
                defer { try? session.execute("PRAGMA synchronous = FULL") }
                try session.execute("BEGIN IMMEDIATE")
                do {
                    let value = try await body(session)
                    try session.execute("COMMIT")
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
