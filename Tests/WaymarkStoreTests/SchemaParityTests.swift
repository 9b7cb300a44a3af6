import Foundation
import GRDB
import PostgresNIO
import Testing
import WaymarkTestSupport

@testable import WaymarkStore

/// After every migration SQLite and PostgreSQL hold the same schema: the same tables, the same
/// columns with the same types (as each database spells them) and nullability, and the same
/// indexes over the same columns. The migrations are written once (`Schema`), but each database
/// spells them its own way and some steps are one database's only; this is what keeps the two
/// from drifting.
@Suite("The two databases' schemas", .needsPostgres)
struct SchemaParityTests {
    struct Column: Hashable, CustomStringConvertible {
        var table: String
        var name: String
        var type: String
        var notNull: Bool
        var description: String { "\(table).\(name) \(type)\(notNull ? " NOT NULL" : "")" }
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

    typealias DatabaseSchema = (columns: Set<Column>, indexes: Set<Index>)

    @Test func tablesColumnsAndIndexesAreTheSameAfterMigrating() async throws {
        let sqlite = try await TemporaryStore(.sqlite)
        let postgres = try await TemporaryStore(.postgres)
        do {
            let sqliteSchema = try await Self.schema(sqlite.store.backend)
            let postgresSchema = try await Self.schema(postgres.store.backend)
            #expect(Self.differences(sqlite: sqliteSchema, postgres: postgresSchema) == [])
            #expect(sqliteSchema.columns.count > 50 && sqliteSchema.indexes.count > 15)
        } catch {
            await sqlite.remove()
            await postgres.remove()
            throw error
        }
        await sqlite.remove()
        await postgres.remove()
    }

    /// What one database has and the other does not: tables, columns (with their type and
    /// nullability) and indexes, each named with the side it is on.
    static func differences(sqlite: DatabaseSchema, postgres: DatabaseSchema) -> [String] {
        func onlyIn(_ side: String, _ these: some Collection<some CustomStringConvertible>) -> [String] {
            these.map { "only in \(side): \($0)" }.sorted()
        }
        let sqliteTables = Set(sqlite.columns.map(\.table))
        let postgresTables = Set(postgres.columns.map(\.table))
        return onlyIn("SQLite", sqliteTables.subtracting(postgresTables)) + onlyIn("PostgreSQL", postgresTables.subtracting(sqliteTables))
            + onlyIn("SQLite", sqlite.columns.subtracting(postgres.columns)) + onlyIn("PostgreSQL", postgres.columns.subtracting(sqlite.columns))
            + onlyIn("SQLite", sqlite.indexes.subtracting(postgres.indexes)) + onlyIn("PostgreSQL", postgres.indexes.subtracting(sqlite.indexes))
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
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [table]) {
                    let isKey: Int = row["pk"]
                    let notNull: Bool = row["notnull"]
                    columns.insert(Column(table: table, name: row["name"], type: storageType(row["type"]), notNull: notNull || isKey > 0))
                }
                // Automatic indexes back PRIMARY KEY and UNIQUE, which PostgreSQL's constraints do too.
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'", arguments: [table]) {
                    let name: String = index["name"]
                    let indexColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
                    indexes.insert(Index(table: table, name: name, columns: indexColumns, unique: index["unique"]))
                }
            }
            return (columns, indexes)
        }
    }

    static func postgresSchema(_ store: PostgresStore) async throws -> DatabaseSchema {
        try await store.onConnection { connection in
            var columns: Set<Column> = []
            let columnRows = try await connection.rows(
                """
                SELECT table_name::TEXT AS t, column_name::TEXT AS c, data_type::TEXT AS type, is_nullable::TEXT AS nullable
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
                        notNull: try row.required("nullable", as: String.self) == "NO"
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
            return (columns, indexes)
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
}
