import GRDB

/// SQLite's migrator, registering `Schema.migrations` in SQLite's words. GRDB records each by
/// name, so a database migrated before the schema was written once sees nothing new.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations {
            let steps = migration.steps(on: .sqlite)
            migrator.registerMigration(migration.name) { db in
                for step in steps {
                    if case .sqliteCode(let code) = step {
                        try code(db)
                    }
                    for statement in SQLDialect.sqlite.statements(step) {
                        try db.execute(sql: statement)
                    }
                }
            }
        }
        return migrator
    }

    /// The migrations' names, in order.
    static var names: [String] {
        migrator.migrations
    }
}
