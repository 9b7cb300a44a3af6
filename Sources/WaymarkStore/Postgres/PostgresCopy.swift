import Foundation
import GRDB
import PostgresNIO

/// Copies a whole SQLite installation into an empty PostgreSQL database, for an organisation
/// that grows from one server to several. One transaction: the counts of every table are
/// compared before it commits, so a copy is complete or nothing lands.
public enum StoreCopy {
    /// The tables in an order that satisfies their references, with the order rows are read in
    /// (certificates newest first: an older one points at the one that superseded it).
    /// Sessions, rate counters and form keys are not copied: they are short-lived, and people
    /// simply sign in again on the new servers.
    static let tables: [(name: String, order: String)] = [
        ("people", "id"),
        ("enrolments", "trainee_id, programme_id"),
        ("events", "trainee_id, programme_id, sequence"),
        ("trainee_summaries", "trainee_id, programme_id"),
        ("vetting_records", "trainee_id"),
        ("vetting_notes", "id"),
        ("audit_log", "id"),
        ("one_time_tokens", "token_hash"),
        ("reflection_drafts", "trainee_id, programme_id, prompt_id"),
        ("certificates", "issued_at DESC, code"),
        ("certificate_lookup_days", "code, day, via"),
        // The status lists' versions and their last signed copies (a server builds a list
        // again if the copy names another site or key).
        ("status_lists", "list, purpose"),
        // Emails waiting (and those sent or failed, for the admin's counts and people's copies).
        ("outbox", "created_at, id"),
        // Every stored curriculum version, so the new servers run the one the old one ran.
        ("curriculum_versions", "number"),
        ("curriculum_files", "version, path"),
        ("applications", "trainee_id"),
        ("site_settings", "name"),
    ]

    /// Tables whose `id` comes from a sequence, which must continue after the copied ids.
    static let sequenced = ["vetting_notes", "audit_log"]

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
        return try await target.write(timeout: .seconds(3_600)) { connection in
            let existing = try await connection.rows("SELECT COUNT(*) AS n FROM people", logger: logger).first?.value("n", as: Int.self) ?? 0
            guard existing == 0 else {
                throw StoreError.refused("The PostgreSQL database already has \(existing) people in it; export only into an empty one.")
            }
            var counts: [TableCount] = []
            for table in tables {
                let types = try await columnTypes(table.name, connection, logger: logger)
                let (columns, rows) = try await source.read { db in
                    let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table.name) ORDER BY \(table.order)")
                    return (rows.first.map { Array($0.columnNames) } ?? [], rows.map { Array($0.databaseValues) })
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
                            try bind(value, as: types[column] ?? "text", into: &bindings, table: table.name, column: column)
                            placeholders.append("$\(bindings.count)")
                        }
                        tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                    }
                    let sql = "INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
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
            for table in sequenced {
                try await connection.run(
                    PostgresQuery(
                        unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)"
                    ),
                    logger: logger
                )
            }
            return counts
        }
    }

    /// PostgreSQL's type for each column of a table (in the store's schema).
    private static func columnTypes(_ table: String, _ connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        var types: [String: String] = [:]
        for row in try await connection.rows(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = \(table) AND table_schema = current_schema()
            """,
            logger: logger
        ) {
            types[try row.required("column_name")] = try row.required("data_type")
        }
        return types
    }

    /// Binds one SQLite value as the PostgreSQL column's type (SQLite keeps booleans as 0 and 1).
    private static func bind(_ value: DatabaseValue, as type: String, into bindings: inout PostgresBindings, table: String, column: String) throws {
        if value.isNull {
            switch type {
            case "boolean": bindings.append(Bool?.none)
            case "bigint", "integer": bindings.append(Int?.none)
            case "double precision": bindings.append(Double?.none)
            case "bytea": bindings.appendNull()
            default: bindings.append(String?.none)
            }
            return
        }
        switch (type, value.storage) {
        case ("boolean", .int64(let number)): bindings.append(number != 0)
        case ("bigint", .int64(let number)), ("integer", .int64(let number)): bindings.append(Int(number))
        case ("double precision", .double(let number)): bindings.append(number)
        case ("double precision", .int64(let number)): bindings.append(Double(number))
        case ("text", .string(let text)): bindings.append(text)
        case ("bytea", .blob(let data)): bindings.append(ByteBuffer(bytes: data))
        case ("text", .int64(let number)): bindings.append(String(number))
        case ("text", .double(let number)): bindings.append(String(number))
        default:
            throw StoreError.unavailable("\(table).\(column): cannot copy the value \(value) into a \(type) column")
        }
    }
}
