import PostgresNIO

extension PostgresStore {
    /// Two servers at once: the second waits for the first's lock, then reads what it wrote.
    func writeAlone<T: Sendable>(named name: String, timeout: Duration, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        let lock = advisoryLock(name)
        return try await transaction(timeout: timeout) { [logger] connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
            return try await body(PostgresSession(connection: connection, logger: logger))
        }
    }
}
