import GRDB

/// A column's type, as both databases mean it; `SQLDialect.spelling(_:)` gives each one's word.
enum ColumnType: Sendable, Equatable {
    case text
    /// PostgreSQL's four-byte INTEGER (SQLite's integers are all eight bytes).
    case integer
    case bigInteger
    case real
    /// SQLite keeps booleans as 0 and 1.
    case boolean
    case blob
    /// A key numbered by the database, one up from the last: SQLite's AUTOINCREMENT, a sequence
    /// on PostgreSQL. It is the table's primary key.
    case serial
}

/// What a column's declaration says besides its type, written in the order given.
enum ColumnConstraint: Sendable, Equatable {
    case primaryKey
    case notNull
    case unique
    case defaultValue(ColumnDefault)
    case references(table: String, column: String)
}

enum ColumnDefault: Sendable, Equatable {
    case integer(Int)
    case text(String)
    case boolean(Bool)
}

struct SchemaColumn: Sendable, Equatable {
    var name: String
    var type: ColumnType
    var constraints: [ColumnConstraint]

    init(_ name: String, _ type: ColumnType, _ constraints: [ColumnConstraint]) {
        self.name = name
        self.type = type
        self.constraints = constraints
    }

    static func text(_ name: String, _ constraints: ColumnConstraint...) -> SchemaColumn { SchemaColumn(name, .text, constraints) }
    static func integer(_ name: String, _ constraints: ColumnConstraint...) -> SchemaColumn { SchemaColumn(name, .integer, constraints) }
    static func bigInteger(_ name: String, _ constraints: ColumnConstraint...) -> SchemaColumn { SchemaColumn(name, .bigInteger, constraints) }
    static func real(_ name: String, _ constraints: ColumnConstraint...) -> SchemaColumn { SchemaColumn(name, .real, constraints) }
    static func boolean(_ name: String, _ constraints: ColumnConstraint...) -> SchemaColumn { SchemaColumn(name, .boolean, constraints) }
    static func blob(_ name: String, _ constraints: ColumnConstraint...) -> SchemaColumn { SchemaColumn(name, .blob, constraints) }
    static func serial(_ name: String) -> SchemaColumn { SchemaColumn(name, .serial, []) }

    /// Whether the column can hold no value: key columns never do.
    var isNullable: Bool {
        type != .serial && !constraints.contains(.notNull) && !constraints.contains(.primaryKey)
    }
}

struct SchemaForeignKey: Sendable, Equatable {
    var columns: [String]
    var table: String
    var referenced: [String]
}

/// What `waymark export` does with a table's rows when it copies SQLite into PostgreSQL.
enum CopyRows: Sendable, Equatable {
    /// Every row, read in this order (a row must come after any row it refers to).
    case all(orderedBy: String)
    /// None: the rows are short-lived and the new servers make their own.
    case skip(because: String)
}

struct SchemaTable: Sendable {
    var name: String
    var columns: [SchemaColumn]
    /// A key of more than one column (a one-column key is that column's `.primaryKey`).
    var primaryKey: [String] = []
    var foreignKeys: [SchemaForeignKey] = []
    /// SQLite keeps the rows in their primary key's order, with no separate row id: for tables
    /// read by their key that are small or never deleted from. PostgreSQL has no such choice.
    var withoutRowID = false
    var copy: CopyRows
}

/// An index column, by name or in bytes' order (`IndexColumn.binary`).
struct IndexColumn: Sendable, Equatable, ExpressibleByStringLiteral {
    var name: String
    var binaryOrder = false

    init(stringLiteral name: String) {
        self.name = name
    }

    /// The column in bytes' order, as the cohort page sorts (`COLLATE "C"` on PostgreSQL; SQLite
    /// compares text by its bytes already).
    static func binary(_ name: String) -> IndexColumn {
        var column = IndexColumn(stringLiteral: name)
        column.binaryOrder = true
        return column
    }
}

struct SchemaIndex: Sendable {
    var name: String
    var table: String
    var columns: [IndexColumn]
    var unique = false
}

/// One change a migration makes. Most are written once and spelt by each database's dialect;
/// `only` holds the few that one database needs and the other does not.
indirect enum SchemaStep: Sendable {
    case createTable(SchemaTable)
    case addColumn(table: String, SchemaColumn)
    case createIndex(SchemaIndex)
    case dropIndex(String)
    case dropTable(String)
    /// A statement that reads the same on both databases (data migrations).
    case statement(String)
    case only(SQLDialect, [SchemaStep])
    /// Swift code run inside SQLite's migration, where a statement cannot say it. Only inside
    /// `.only(.sqlite, ...)`.
    case sqliteCode(@Sendable (Database) throws -> Void)

    static func table(
        _ name: String,
        _ columns: [SchemaColumn],
        primaryKey: [String] = [],
        foreignKeys: [SchemaForeignKey] = [],
        withoutRowID: Bool = false,
        copy: CopyRows
    ) -> SchemaStep {
        .createTable(
            SchemaTable(name: name, columns: columns, primaryKey: primaryKey, foreignKeys: foreignKeys, withoutRowID: withoutRowID, copy: copy)
        )
    }

    static func index(_ name: String, on table: String, _ columns: IndexColumn..., unique: Bool = false) -> SchemaStep {
        .createIndex(SchemaIndex(name: name, table: table, columns: columns, unique: unique))
    }
}

/// A numbered change to the schema. Databases know which they have had by `name`, so a released
/// migration is never renamed or changed: add a new one.
struct SchemaMigration: Sendable {
    var name: String
    var steps: [SchemaStep]

    init(_ name: String, _ steps: [SchemaStep]) {
        self.name = name
        self.steps = steps
    }

    /// The steps one database takes, with the other's `only` steps left out.
    func steps(on dialect: SQLDialect) -> [SchemaStep] {
        Self.flattened(steps, on: dialect)
    }

    private static func flattened(_ steps: [SchemaStep], on dialect: SQLDialect) -> [SchemaStep] {
        steps.flatMap { step -> [SchemaStep] in
            guard case .only(let only, let inner) = step else { return [step] }
            return only == dialect ? flattened(inner, on: dialect) : []
        }
    }
}
