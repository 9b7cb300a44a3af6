import GRDB

extension SQLiteStore {
    /// This version's migrations that the database has not had yet, in order.
    public func pendingMigrations() async throws -> [String] {
        let applied = try await readDatabase { db in try Migrations.migrator.appliedIdentifiers(db) }
        return Migrations.names.filter { !applied.contains($0) }
    }
}
