import Foundation

/// How each database spells the schema's steps: the column types, AUTOINCREMENT against a
/// sequence, booleans, `WITHOUT ROWID` and binary-ordered index columns.
extension SQLDialect {
    /// The statements that take one step on this database (none for Swift code, which the
    /// SQLite migrator runs itself).
    func statements(_ step: SchemaStep) -> [String] {
        switch step {
        case .createTable(let table):
            [createTable(table)]
        case .addColumn(let table, let column):
            ["ALTER TABLE \(table) ADD COLUMN \(definition(column))"]
        case .createIndex(let index):
            ["CREATE \(index.unique ? "UNIQUE " : "")INDEX \(index.name) ON \(index.table)(\(index.columns.map(spelling).joined(separator: ", ")))"]
        case .dropIndex(let name):
            ["DROP INDEX \(name)"]
        case .dropTable(let name):
            ["DROP TABLE \(name)"]
        case .statement(let sql):
            [sql]
        case .only(let dialect, let steps):
            dialect == self ? steps.flatMap(statements) : []
        case .sqliteCode:
            []
        }
    }

    func spelling(_ type: ColumnType) -> String {
        switch (self, type) {
        case (_, .text): "TEXT"
        case (_, .integer), (.sqlite, .bigInteger), (.sqlite, .boolean): "INTEGER"
        case (.postgres, .bigInteger): "BIGINT"
        case (.postgres, .boolean): "BOOLEAN"
        case (.sqlite, .real): "REAL"
        case (.postgres, .real): "DOUBLE PRECISION"
        case (.sqlite, .blob): "BLOB"
        case (.postgres, .blob): "BYTEA"
        case (.sqlite, .serial): "INTEGER PRIMARY KEY AUTOINCREMENT"
        case (.postgres, .serial): "BIGSERIAL PRIMARY KEY"
        }
    }

    private func createTable(_ table: SchemaTable) -> String {
        var lines = table.columns.map(definition)
        if !table.primaryKey.isEmpty {
            lines.append("PRIMARY KEY (\(table.primaryKey.joined(separator: ", ")))")
        }
        for key in table.foreignKeys {
            lines.append("FOREIGN KEY (\(key.columns.joined(separator: ", "))) REFERENCES \(key.table)(\(key.referenced.joined(separator: ", ")))")
        }
        let options = self == .sqlite && table.withoutRowID ? " WITHOUT ROWID" : ""
        return "CREATE TABLE \(table.name) (\n    " + lines.joined(separator: ",\n    ") + "\n)" + options
    }

    private func definition(_ column: SchemaColumn) -> String {
        ([column.name, spelling(column.type)] + column.constraints.map(spelling)).joined(separator: " ")
    }

    private func spelling(_ constraint: ColumnConstraint) -> String {
        switch constraint {
        case .primaryKey: "PRIMARY KEY"
        case .notNull: "NOT NULL"
        case .unique: "UNIQUE"
        case .defaultValue(.integer(let number)): "DEFAULT \(number)"
        case .defaultValue(.text(let text)): "DEFAULT '\(text.replacingOccurrences(of: "'", with: "''"))'"
        case .defaultValue(.boolean(let value)): "DEFAULT \(spelling(value ? .true : .false))"
        case .references(let table, let column): "REFERENCES \(table)(\(column))"
        }
    }

    private func spelling(_ column: IndexColumn) -> String {
        column.name + (column.binaryOrder ? spelling(.binaryOrder) : "")
    }
}
