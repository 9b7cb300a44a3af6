/// `Schema.migrations` in PostgreSQL's words, one statement per string, for the migration runner
/// (`PostgresStore+Migrate.swift`). It records each by name in `schema_migrations`.
enum PostgresMigrations {
    static let all: [(name: String, statements: [String])] = Schema.migrations.map { migration in
        (migration.name, migration.steps(on: .postgres).flatMap(SQLDialect.postgres.statements))
    }
}
