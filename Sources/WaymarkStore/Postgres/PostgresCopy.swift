import Foundation
import GRDB
import PostgresNIO

/// Copies a whole SQLite installation into an empty PostgreSQL database, for an organisation
/// that grows from one server to several. One transaction: the counts of every table are
/// compared before it commits, so a copy is complete or nothing lands.
public enum StoreCopy {
    /// The tables whose rows are copied, with the order they are read in, from the schema's
    /// own description: migrations create tables after those they refer to, so this order
    /// satisfies every reference. Sessions, rate counters and form keys are not copied
    /// (`CopyRows.skip`): they are short-lived, and people simply sign in again on the new servers.
    static var tables: [(table: SchemaTable, order: String)] {
        Schema.tables.compactMap { table in
            guard case .all(let order) = table.copy else { return nil }
            return (table, order)
        }
    }

    /// Columns whose values come from a sequence, which must continue after the copied ones.
    static var sequenced: [(table: String, column: String)] {
        tables.flatMap { copied in
            copied.table.columns.filter { $0.type == .serial }.map { (copied.table.name, $0.name) }
        }
    }

    /// How many rows one table had, and how many arrived.
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var copied: Int
    }

    /// How far a copy has got: rows of one table sent, for a progress line.
    public struct Progress: Sendable {
        public var table: String
        public var rowsSent: Int
        public var rowsInTable: Int
    }

    /// Copies everything from `source` into `target`, which must hold no people yet, telling
    /// `progress` after each batch of rows.
    public static func copy(
        from source: SQLiteStore,
        to target: PostgresStore,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> [TableCount] {
        let logger = target.logger
        // A large installation takes a while: the whole copy may take up to an hour.
        return try await target.transaction(timeout: .seconds(3_600)) { connection in
            let existing = try await connection.rows("SELECT COUNT(*) AS n FROM people", logger: logger).first?.value("n", as: Int.self) ?? 0
            guard existing == 0 else {
                throw StoreError.refused("The PostgreSQL database already has \(existing) people in it; export only into an empty one.")
            }
            var counts: [TableCount] = []
            for (table, order) in tables {
                let columns = table.columns
                let names = columns.map(\.name).joined(separator: ", ")
                let rows = try await source.readDatabase { db in
                    try Row.fetchAll(db, sql: "SELECT \(names) FROM \(table.name) ORDER BY \(order)").map { Array($0.databaseValues) }
                }
                // A few hundred rows per statement keeps well inside PostgreSQL's 65,535 parameters.
                let batch = max(1, 4_000 / max(columns.count, 1))
                var start = 0
                while start < rows.count {
                    let slice = rows[start..<min(start + batch, rows.count)]
                    var bindings = PostgresBindings(capacity: slice.count * columns.count)
                    var tuples: [String] = []
                    for row in slice {
                        var placeholders: [String] = []
                        for (column, value) in zip(columns, row) {
                            try bind(value, as: column.type, into: &bindings, table: table.name, column: column.name)
                            placeholders.append("$\(bindings.count)")
                        }
                        tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                    }
                    let sql = "INSERT INTO \(table.name) (\(names)) VALUES " + tuples.joined(separator: ", ")
                    try await connection.run(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
                    start += batch
                    progress(Progress(table: table.name, rowsSent: min(start, rows.count), rowsInTable: rows.count))
                }
                let copied =
                    try await connection.rows(PostgresQuery(unsafeSQL: "SELECT COUNT(*) AS n FROM \(table.name)"), logger: logger).first?
                    .value("n", as: Int.self) ?? 0
                counts.append(TableCount(table: table.name, source: rows.count, copied: copied))
                guard copied == rows.count else {
                    throw StoreError.unavailable("\(table.name): \(rows.count) rows in SQLite but \(copied) arrived; nothing was copied")
                }
            }
            for (table, column) in sequenced {
                try await connection.run(
                    PostgresQuery(
                        unsafeSQL:
                            "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE((SELECT MAX(\(column)) FROM \(table)), 0) + 1, false)"
                    ),
                    logger: logger
                )
            }
            return counts
        }
    }

    /// Binds one SQLite value as the PostgreSQL column's type (SQLite keeps booleans as 0 and 1).
    private static func bind(
        _ value: DatabaseValue,
        as type: ColumnType,
        into bindings: inout PostgresBindings,
        table: String,
        column: String
    ) throws {
        if value.isNull {
            switch type {
            case .boolean: bindings.append(Bool?.none)
            case .integer, .bigInteger, .serial: bindings.append(Int?.none)
            case .real: bindings.append(Double?.none)
            case .blob: bindings.appendNull()
            case .text: bindings.append(String?.none)
            }
            return
        }
        switch (type, value.storage) {
        case (.boolean, .int64(let number)): bindings.append(number != 0)
        case (.integer, .int64(let number)), (.bigInteger, .int64(let number)), (.serial, .int64(let number)): bindings.append(Int(number))
        case (.real, .double(let number)): bindings.append(number)
        case (.real, .int64(let number)): bindings.append(Double(number))
        case (.text, .string(let text)): bindings.append(text)
        case (.blob, .blob(let data)): bindings.append(ByteBuffer(bytes: data))
        case (.text, .int64(let number)): bindings.append(String(number))
        case (.text, .double(let number)): bindings.append(String(number))
        default:
            let spelling = SQLDialect.postgres.spelling(type == .serial ? .bigInteger : type).lowercased()
            throw StoreError.unavailable("\(table).\(column): cannot copy the value \(value) into a \(spelling) column")
        }
    }
}
