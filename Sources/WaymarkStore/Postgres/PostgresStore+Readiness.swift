import PostgresNIO

extension PostgresStore {
    /// This version's migrations that the database has not had yet, in order. A database no
    /// Waymark has migrated has no migrations table: every migration is still to come.
    public func pendingMigrations() async throws -> [String] {
        let applied = try await onConnection { [self] connection in
            let table = try await connection.rows("SELECT to_regclass('schema_migrations') IS NOT NULL AS present", logger: logger)
            guard try table.first?.value("present", as: Bool.self) == true else { return Set<String>() }
            return Set(try await connection.rows("SELECT name FROM schema_migrations", logger: logger).map { try $0.required("name", as: String.self) })
        }
        return PostgresMigrations.all.map(\.name).filter { !applied.contains($0) }
    }
}
