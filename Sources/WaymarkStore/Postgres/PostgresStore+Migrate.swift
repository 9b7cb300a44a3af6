import PostgresNIO

extension PostgresStore {
    /// Brings the schema up to date; returns the migrations it applied. Two servers starting
    /// together apply each migration once: the first holds an advisory lock until it is done,
    /// the second then finds them applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await migrate(upTo: nil)
    }

    /// Brings the schema up to `lastMigration` only (all of them when nil): tests make a
    /// database as an older Waymark left it this way.
    func migrate(upTo lastMigration: String?) async throws -> [String] {
        do {
            return try await client.withConnection { connection in
                if let schema = settings.schema {
                    try await connection.run("CREATE SCHEMA IF NOT EXISTS \(unescaped: Self.quoted(schema))", logger: logger)
                }
                try await connection.run("SELECT pg_advisory_lock(\(migrationLock))", logger: logger)
                do {
                    let applied = try await migrate(connection, upTo: lastMigration)
                    try await connection.run("SELECT pg_advisory_unlock(\(migrationLock))", logger: logger)
                    return applied
                } catch {
                    _ = try? await connection.run("SELECT pg_advisory_unlock(\(migrationLock))", logger: logger)
                    throw error
                }
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    private func migrate(_ connection: PostgresConnection, upTo lastMigration: String?) async throws -> [String] {
        try await connection.run(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            logger: logger
        )
        let done = Set(
            try await connection.rows("SELECT name FROM schema_migrations", logger: logger).map { try $0.required("name", as: String.self) }
        )
        var applied: [String] = []
        let wanted = lastMigration.flatMap { last in PostgresMigrations.all.firstIndex { $0.name == last } }.map { PostgresMigrations.all[...$0] }
        for migration in wanted ?? PostgresMigrations.all[...] where !done.contains(migration.name) {
            try await connection.withTransaction(logger: logger) { connection in
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.run("INSERT INTO schema_migrations (name) VALUES (\(migration.name))", logger: logger)
            }
            applied.append(migration.name)
        }
        return applied
    }

    /// The applied migrations, in order. A database no Waymark has migrated has no migrations
    /// table: it has had none.
    public func appliedMigrations() async throws -> [String] {
        try await onConnection { [self] connection in
            let table = try await connection.rows("SELECT to_regclass('schema_migrations') IS NOT NULL AS present", logger: logger)
            guard try table.first?.value("present", as: Bool.self) == true else { return [] }
            return try await connection.rows("SELECT name FROM schema_migrations ORDER BY name", logger: logger).map {
                try $0.required("name", as: String.self)
            }
        }
    }

    /// The advisory lock that serialises migrations.
    var migrationLock: Int64 { advisoryLock("migrations") }

    /// An advisory lock's number for `name`: one per schema, so two installations in one
    /// database do not wait on each other. FNV-1a, so every server computes the same number.
    func advisoryLock(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "waymark-\(name):\(settings.schema ?? "public")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
