extension Schema {
    /// The tables as every migration leaves them, with their columns in order: what the copy
    /// into PostgreSQL reads and writes. Steps for one database only are not replayed, so a table
    /// or column only one of them has is missing here, and the tests that compare this with the
    /// migrated databases fail.
    static let tables: [SchemaTable] = tables(after: migrations)

    static func tables(after migrations: [SchemaMigration]) -> [SchemaTable] {
        var tables: [SchemaTable] = []
        for step in migrations.flatMap(\.steps) {
            switch step {
            case .createTable(let table):
                tables.append(table)
            case .addColumn(let name, let column):
                if let position = tables.firstIndex(where: { $0.name == name }) {
                    tables[position].columns.append(column)
                }
            case .dropTable(let name):
                tables.removeAll { $0.name == name }
            case .createIndex, .dropIndex, .statement, .only, .sqliteCode:
                break
            }
        }
        return tables
    }
}
