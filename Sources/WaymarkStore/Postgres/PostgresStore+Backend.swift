import PostgresNIO

extension PostgresStore: SQLBackend {
    var dialect: SQLDialect { .postgres }

    /// Reads on one connection of the pool; with `snapshot`, in one REPEATABLE READ transaction:
    /// PostgreSQL's default, READ COMMITTED, gives each statement of a transaction its own moment.
    func read<T: Sendable>(snapshot: Bool, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        if snapshot {
            return try await transaction { [logger] connection in
                try await connection.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                return try await body(PostgresSession(connection: connection, logger: logger))
            }
        }
        return try await onConnection { [logger] connection in try await body(PostgresSession(connection: connection, logger: logger)) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await transaction { [logger] connection in try await body(PostgresSession(connection: connection, logger: logger)) }
    }

    /// PostgreSQL's COMMIT waits for its own disk, not for one of this server's threads; not
    /// waiting would cost a round trip (`SET LOCAL synchronous_commit`) on each, so bookkeeping
    /// is written as everything else is.
    func bookkeepingWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await write(body)
    }
}
