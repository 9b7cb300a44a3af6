import Foundation
import GRDB
import PostgresNIO
import Testing
import WaymarkTestSupport

@testable import WaymarkStore

/// After every migration SQLite and PostgreSQL hold the same schema: the same tables, the same
/// columns with the same types (as each database spells them), nullability and defaults, the
/// same indexes over the same columns, and the same foreign keys. The migrations are written
/// once (`Schema`), but each database spells them its own way and some steps are one
/// database's only; this is what keeps the two from drifting.
@Suite("The two databases' schemas", .needsPostgres)
struct SchemaParityTests {
    struct Column: Hashable, CustomStringConvertible {
        var table: String
        var name: String
        var type: String
        var notNull: Bool
        /// The default as `normalisedDefault` spells it for both databases; nil for none.
        var defaultValue: String? = nil
        var description: String {
            "\(table).\(name) \(type)\(notNull ? " NOT NULL" : "")\(defaultValue.map { " DEFAULT \($0)" } ?? "")"
        }
    }

    struct ForeignKey: Hashable, CustomStringConvertible {
        var table: String
        var columns: [String]
        var referencedTable: String
        var referencedColumns: [String]
        /// NO ACTION, CASCADE, SET NULL, RESTRICT or SET DEFAULT.
        var onDelete: String
        var description: String {
            "\(table)(\(columns.joined(separator: ", "))) REFERENCES \(referencedTable)(\(referencedColumns.joined(separator: ", "))) ON DELETE \(onDelete)"
        }
    }

    struct Index: Hashable, CustomStringConvertible {
        var table: String
        var name: String
        var columns: [String]
        var unique: Bool
        var description: String { "\(unique ? "UNIQUE " : "")\(name) ON \(table)(\(columns.joined(separator: ", ")))" }
    }

    /// Each database's word for a column type, as the one storage type both mean. SQLite keeps
    /// booleans as integers.
    static func storageType(_ declared: String) -> String {
        switch declared.lowercased() {
        case "text", "character varying": "text"
        case "integer", "bigint", "smallint", "boolean": "integer"
        case "real", "double precision": "real"
        case "blob", "bytea": "blob"
        default: "unknown \(declared)"
        }
    }

    /// The tables that record the migrations themselves, named differently by each migrator.
    static let migrationTables: Set<String> = ["grdb_migrations", "schema_migrations"]

    /// The default of a key the database numbers itself: SQLite's AUTOINCREMENT, PostgreSQL's
    /// sequence (`nextval(...)`).
    static let counter = "numbered by the database"

    /// A column's default as both databases mean it: PostgreSQL adds a cast (`'x'::text`), quotes
    /// a negative number (`'-1'::integer`) and spells booleans TRUE and FALSE, which SQLite keeps
    /// as 1 and 0.
    static func normalisedDefault(_ declared: String?) -> String? {
        guard var text = declared?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.uppercased() != "NULL" else { return nil }
        if text.hasPrefix("nextval(") { return counter }
        if let cast = text.range(of: "::", options: .backwards), !text[cast.upperBound...].contains("'") {
            text = String(text[..<cast.lowerBound])
        }
        switch text.lowercased() {
        case "true": return "1"
        case "false": return "0"
        default: break
        }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), Int(text.dropFirst().dropLast()) != nil {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// PostgreSQL's letter for a foreign key's ON DELETE, in SQLite's words.
    static func onDelete(postgres letter: String) -> String {
        switch letter {
        case "c": "CASCADE"
        case "n": "SET NULL"
        case "r": "RESTRICT"
        case "d": "SET DEFAULT"
        default: "NO ACTION"
        }
    }

    typealias DatabaseSchema = (columns: Set<Column>, indexes: Set<Index>, foreignKeys: Set<ForeignKey>)

    @Test func tablesColumnsAndIndexesAreTheSameAfterMigrating() async throws {
        let sqlite = try await TemporaryStore(.sqlite)
        let postgres = try await TemporaryStore(.postgres)
        do {
            let sqliteSchema = try await Self.schema(sqlite.store.backend)
            let postgresSchema = try await Self.schema(postgres.store.backend)
            #expect(Self.differences(sqlite: sqliteSchema, postgres: postgresSchema) == [])
            #expect(sqliteSchema.columns.count > 50 && sqliteSchema.indexes.count > 15)
            #expect(sqliteSchema.foreignKeys.count >= 1 && sqliteSchema.columns.contains { $0.defaultValue != nil })
        } catch {
            await sqlite.remove()
            await postgres.remove()
            throw error
        }
        await sqlite.remove()
        await postgres.remove()
    }

    /// What one database has and the other does not: tables, columns (with their type,
    /// nullability and default), indexes and foreign keys, each named with the side it is on.
    static func differences(sqlite: DatabaseSchema, postgres: DatabaseSchema) -> [String] {
        func onlyIn(_ side: String, _ these: some Collection<some CustomStringConvertible>) -> [String] {
            these.map { "only in \(side): \($0)" }.sorted()
        }
        let sqliteTables = Set(sqlite.columns.map(\.table))
        let postgresTables = Set(postgres.columns.map(\.table))
        return onlyIn("SQLite", sqliteTables.subtracting(postgresTables)) + onlyIn("PostgreSQL", postgresTables.subtracting(sqliteTables))
            + onlyIn("SQLite", sqlite.columns.subtracting(postgres.columns)) + onlyIn("PostgreSQL", postgres.columns.subtracting(sqlite.columns))
            + onlyIn("SQLite", sqlite.indexes.subtracting(postgres.indexes)) + onlyIn("PostgreSQL", postgres.indexes.subtracting(sqlite.indexes))
            + onlyIn("SQLite", sqlite.foreignKeys.subtracting(postgres.foreignKeys))
            + onlyIn("PostgreSQL", postgres.foreignKeys.subtracting(sqlite.foreignKeys))
    }

    /// The cohort page orders by name and id in bytes' order (`ORDER BY ... COLLATE "C"`);
    /// PostgreSQL's indexes for it must be in that order too, or they cannot serve the page.
    @Test func postgresCohortIndexesAreInTheCohortPagesOrder() async throws {
        let temporary = try await TemporaryStore(.postgres)
        do {
            guard let postgres = temporary.store.backend as? PostgresStore else { throw StoreError.unavailable("not PostgreSQL") }
            let definitions = try await postgres.onConnection { connection in
                try await connection.rows(
                    """
                    SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()
                        AND indexname IN ('summaries_by_name', 'summaries_by_stage_name') ORDER BY indexname
                    """,
                    logger: postgres.logger
                ).map { try $0.required("indexdef", as: String.self) }
            }
            #expect(definitions.count == 2)
            for definition in definitions {
                #expect(definition.contains(#"name COLLATE "C", trainee_id COLLATE "C")"#), "\(definition)")
            }
        } catch {
            await temporary.remove()
            throw error
        }
        await temporary.remove()
    }

    static func schema(_ store: any SQLBackend) async throws -> DatabaseSchema {
        switch store {
        case let sqlite as SQLiteStore: try await sqliteSchema(sqlite)
        case let postgres as PostgresStore: try await postgresSchema(postgres)
        default: throw StoreError.unavailable("no schema reader for \(type(of: store))")
        }
    }

    static func sqliteSchema(_ store: SQLiteStore) async throws -> DatabaseSchema {
        try await store.readDatabase { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .filter { !migrationTables.contains($0) }
            var columns: Set<Column> = []
            var indexes: Set<Index> = []
            var foreignKeys: Set<ForeignKey> = []
            func primaryKey(_ table: String) throws -> [String] {
                try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
            }
            for table in tables {
                // AUTOINCREMENT can only be said of the one INTEGER PRIMARY KEY.
                let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])
                let numbered = definition?.uppercased().contains("AUTOINCREMENT") ?? false
                for row in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info(?)", arguments: [table]) {
                    let isKey: Int = row["pk"]
                    let notNull: Bool = row["notnull"]
                    columns.insert(
                        Column(
                            table: table,
                            name: row["name"],
                            type: storageType(row["type"]),
                            notNull: notNull || isKey > 0,
                            defaultValue: numbered && isKey > 0 ? counter : normalisedDefault(row["dflt_value"])
                        )
                    )
                }
                // One row per column of each key; a key naming no columns refers to the primary key.
                let keyRows = try Row.fetchAll(
                    db,
                    sql: "SELECT id, \"table\" AS referenced, \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                    arguments: [table]
                )
                for rows in Dictionary(grouping: keyRows, by: { $0["id"] as Int }).values {
                    guard let first = rows.first else { continue }
                    let referenced: String = first["referenced"]
                    let named = rows.compactMap { $0["to"] as String? }
                    let referencedColumns = try named.count == rows.count ? named : primaryKey(referenced)
                    foreignKeys.insert(
                        ForeignKey(
                            table: table,
                            columns: rows.map { $0["from"] },
                            referencedTable: referenced,
                            referencedColumns: referencedColumns,
                            onDelete: first["on_delete"]
                        )
                    )
                }
                // Automatic indexes back PRIMARY KEY and UNIQUE, which PostgreSQL's constraints do too.
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'", arguments: [table]) {
                    let name: String = index["name"]
                    let indexColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
                    indexes.insert(Index(table: table, name: name, columns: indexColumns, unique: index["unique"]))
                }
            }
            return (columns, indexes, foreignKeys)
        }
    }

    static func postgresSchema(_ store: PostgresStore) async throws -> DatabaseSchema {
        try await store.onConnection { connection in
            var columns: Set<Column> = []
            let columnRows = try await connection.rows(
                """
                SELECT table_name::TEXT AS t, column_name::TEXT AS c, data_type::TEXT AS type, is_nullable::TEXT AS nullable,
                    column_default::TEXT AS fallback
                FROM information_schema.columns WHERE table_schema = current_schema()
                """,
                logger: store.logger
            )
            for row in columnRows {
                let table = try row.required("t", as: String.self)
                guard !migrationTables.contains(table) else { continue }
                columns.insert(
                    Column(
                        table: table,
                        name: try row.required("c"),
                        type: storageType(try row.required("type")),
                        notNull: try row.required("nullable", as: String.self) == "NO",
                        defaultValue: normalisedDefault(try row.value("fallback", as: String.self))
                    )
                )
            }
            var indexes: Set<Index> = []
            // Indexes made by CREATE INDEX, not those behind PRIMARY KEY and UNIQUE constraints.
            let indexRows = try await connection.rows(
                """
                SELECT i.tablename::TEXT AS t, i.indexname::TEXT AS name, i.indexdef AS definition FROM pg_indexes i
                WHERE i.schemaname = current_schema()
                    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = current_schema()::regnamespace)
                """,
                logger: store.logger
            )
            for row in indexRows {
                let definition = try row.required("definition", as: String.self)
                guard let open = definition.lastIndex(of: "("), let close = definition.lastIndex(of: ")"), open < close else { continue }
                // Each column as named, without the collation the page's order asks for.
                let indexColumns = definition[definition.index(after: open)..<close].split(separator: ",").map { column in
                    String(column.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
                }
                indexes.insert(
                    Index(
                        table: try row.required("t"),
                        name: try row.required("name"),
                        columns: indexColumns,
                        unique: definition.hasPrefix("CREATE UNIQUE")
                    )
                )
            }
            var foreignKeys: Set<ForeignKey> = []
            let keyRows = try await connection.rows(
                """
                SELECT c.conrelid::regclass::TEXT AS t, c.confrelid::regclass::TEXT AS referenced, c.confdeltype::TEXT AS on_delete,
                    (SELECT string_agg(a.attname::TEXT, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
                    (SELECT string_agg(a.attname::TEXT, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced_columns
                FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
                """,
                logger: store.logger
            )
            for row in keyRows {
                foreignKeys.insert(
                    ForeignKey(
                        table: try row.required("t"),
                        columns: try row.required("columns", as: String.self).split(separator: ",").map(String.init),
                        referencedTable: try row.required("referenced"),
                        referencedColumns: try row.required("referenced_columns", as: String.self).split(separator: ",").map(String.init),
                        onDelete: onDelete(postgres: try row.required("on_delete"))
                    )
                )
            }
            return (columns, indexes, foreignKeys)
        }
    }
}

/// The comparison `SchemaParityTests` makes, shown to fail: no PostgreSQL needed.
@Suite("Comparing two schemas")
struct SchemaComparisonTests {
    @Test func aColumnOrIndexMissingFromOneSideIsADifference() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        do {
            guard let sqlite = temporary.store.backend as? SQLiteStore else { throw StoreError.unavailable("not SQLite") }
            let whole = try await SchemaParityTests.sqliteSchema(sqlite)
            #expect(SchemaParityTests.differences(sqlite: whole, postgres: whole) == [])

            let column = try #require(whole.columns.first { $0.table == "outbox" && $0.name == "once_key" })
            var withoutColumn = whole
            withoutColumn.columns.remove(column)
            #expect(SchemaParityTests.differences(sqlite: whole, postgres: withoutColumn) == ["only in SQLite: outbox.once_key text"])

            var otherType = whole
            otherType.columns.remove(column)
            otherType.columns.insert(SchemaParityTests.Column(table: "outbox", name: "once_key", type: "integer", notNull: false))
            #expect(SchemaParityTests.differences(sqlite: whole, postgres: otherType).count == 2)

            let defaulted = try #require(whole.columns.first { $0.defaultValue != nil })
            var otherDefault = whole
            otherDefault.columns.remove(defaulted)
            var changed = defaulted
            changed.defaultValue = "'something else'"
            otherDefault.columns.insert(changed)
            #expect(SchemaParityTests.differences(sqlite: whole, postgres: otherDefault).count == 2)

            let key = try #require(whole.foreignKeys.first)
            var withoutKey = whole
            withoutKey.foreignKeys.remove(key)
            #expect(SchemaParityTests.differences(sqlite: whole, postgres: withoutKey) == ["only in SQLite: \(key)"])

            let index = try #require(whole.indexes.first { $0.name == "outbox_due" })
            var withoutIndex = whole
            withoutIndex.indexes.remove(index)
            #expect(
                SchemaParityTests.differences(sqlite: withoutIndex, postgres: whole) == [
                    "only in PostgreSQL: outbox_due ON outbox(state, next_attempt_at)"
                ]
            )
        } catch {
            await temporary.remove()
            throw error
        }
        await temporary.remove()
    }

    /// Each database's spelling of a default comes to the same words.
    @Test func defaultsAreComparedAsTheyMean() {
        #expect(SchemaParityTests.normalisedDefault("'-1'::integer") == "-1")
        #expect(SchemaParityTests.normalisedDefault("-1") == "-1")
        #expect(SchemaParityTests.normalisedDefault("'draft'::text") == "'draft'")
        #expect(SchemaParityTests.normalisedDefault("'draft'") == "'draft'")
        #expect(SchemaParityTests.normalisedDefault("true") == "1")
        #expect(SchemaParityTests.normalisedDefault("FALSE") == "0")
        #expect(SchemaParityTests.normalisedDefault("NULL") == nil)
        #expect(SchemaParityTests.normalisedDefault(nil) == nil)
        #expect(SchemaParityTests.normalisedDefault("'a::b'") == "'a::b'")
        #expect(SchemaParityTests.normalisedDefault("nextval('audit_log_id_seq'::regclass)") == SchemaParityTests.counter)
    }
}
