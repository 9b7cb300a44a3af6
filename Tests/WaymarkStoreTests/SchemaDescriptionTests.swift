import Foundation
import GRDB
import Testing
import WaymarkTestSupport

@testable import WaymarkStore

/// The schema's one description (`Schema`) is what migrating makes, and the copy into PostgreSQL
/// (`waymark export`), which takes its tables and columns from it, covers every table.
@Suite("The schema's description")
struct SchemaDescriptionTests {
    /// The tables that are not copied, each for the reason its description gives.
    static let notCopied: Set<String> = ["sessions", "rate_counters", "lookup_limits", "form_submissions", "curriculum_servers"]

    @Test func everyTableAndColumnAfterMigratingIsDescribed() async throws {
        let migrated = try await Self.migratedColumns()
        let described = Set(
            Schema.tables.flatMap { table in
                table.columns.map { column in
                    SchemaParityTests.Column(
                        table: table.name,
                        name: column.name,
                        type: Self.storageType(column.type),
                        notNull: !column.isNullable,
                        defaultValue: Self.described(default: column)
                    )
                }
            }
        )
        #expect(migrated.subtracting(described).sorted { "\($0)" < "\($1)" } == [], "made by migrating but not described")
        #expect(described.subtracting(migrated).sorted { "\($0)" < "\($1)" } == [], "described but not made by migrating")
        #expect(Schema.tables.count == 22 && migrated.count > 100)
    }

    /// A column's default as SQLite keeps it (`SchemaParityTests.normalisedDefault`).
    static func described(default column: SchemaColumn) -> String? {
        if column.type == .serial { return SchemaParityTests.counter }
        for case .defaultValue(let value) in column.constraints {
            switch value {
            case .integer(let number): return String(number)
            case .text(let text): return "'\(text.replacingOccurrences(of: "'", with: "''"))'"
            case .boolean(let on): return on ? "1" : "0"
            }
        }
        return nil
    }

    /// A table a migration adds must say whether `waymark export` copies it; one made some other
    /// way (a raw statement) is not described, and so would not be copied.
    @Test func theCopyTakesEveryTableThatIsNotShortLived() async throws {
        let migratedTables = Set(try await Self.migratedColumns().map(\.table))
        let copied = StoreCopy.tables.map(\.table.name)
        for table in migratedTables.subtracting(Self.notCopied) {
            #expect(copied.contains(table), "\(table) is made by migrating but `waymark export` does not copy it")
        }
        let skipped = Schema.tables.filter { if case .skip = $0.copy { true } else { false } }.map(\.name)
        #expect(Set(skipped) == Self.notCopied)
        #expect(Set(copied).isDisjoint(with: Self.notCopied) && copied.count == Set(copied).count)
        #expect(StoreCopy.sequenced.map { "\($0.table).\($0.column)" } == ["vetting_notes.id", "audit_log.id"])
    }

    /// Rows are inserted table by table, so every table a copied table refers to is copied first.
    @Test func theCopyWritesEachTableAfterThoseItRefersTo() {
        var written: Set<String> = []
        for (table, _) in StoreCopy.tables {
            let references =
                table.foreignKeys.map(\.table)
                + table.columns.flatMap { column in
                    column.constraints.compactMap { constraint in
                        if case .references(let referenced, _) = constraint { referenced } else { nil }
                    }
                }
            for referenced in references where referenced != table.name {
                #expect(written.contains(referenced), "\(table.name) is copied before \(referenced), which it refers to")
            }
            written.insert(table.name)
        }
    }

    @Test func eachDatabaseSpellsTheSameColumns() throws {
        let people = try #require(Schema.tables.first { $0.name == "people" })
        let sqlite = SQLDialect.sqlite.statements(.createTable(people)).joined()
        let postgres = SQLDialect.postgres.statements(.createTable(people)).joined()
        #expect(sqlite.contains("active INTEGER NOT NULL DEFAULT 1") && sqlite.contains("created_at REAL NOT NULL"))
        #expect(postgres.contains("active BOOLEAN NOT NULL DEFAULT TRUE") && postgres.contains("created_at DOUBLE PRECISION NOT NULL"))
        let notes = try #require(Schema.tables.first { $0.name == "vetting_notes" })
        #expect(SQLDialect.sqlite.statements(.createTable(notes)).joined().contains("id INTEGER PRIMARY KEY AUTOINCREMENT,"))
        #expect(SQLDialect.postgres.statements(.createTable(notes)).joined().contains("id BIGSERIAL PRIMARY KEY,"))
    }

    /// 015 rebuilds PostgreSQL's cohort indexes in bytes' order and does nothing on SQLite,
    /// whose indexes are in that order already; both databases still record it by name.
    @Test func aStepForOneDatabaseIsLeftOutOfTheOther() throws {
        let cohortOrder = try #require(Schema.migrations.first { $0.name == "015-cohort-binary-order" })
        #expect(cohortOrder.steps(on: .sqlite).isEmpty)
        let statements = cohortOrder.steps(on: .postgres).flatMap(SQLDialect.postgres.statements)
        #expect(statements.count == 4)
        #expect(
            statements.last
                == #"CREATE INDEX summaries_by_stage_name ON trainee_summaries(programme_id, stage, name COLLATE "C", trainee_id COLLATE "C")"#
        )
        #expect(Migrations.names == PostgresMigrations.all.map(\.name))
    }

    static func storageType(_ type: ColumnType) -> String {
        switch type {
        case .text: "text"
        case .integer, .bigInteger, .boolean, .serial: "integer"
        case .real: "real"
        case .blob: "blob"
        }
    }

    /// The columns of a freshly migrated SQLite database (PostgreSQL's are the same, by
    /// `SchemaParityTests`).
    static func migratedColumns() async throws -> Set<SchemaParityTests.Column> {
        let temporary = try await TemporaryStore(.sqlite)
        do {
            guard let sqlite = temporary.store.backend as? SQLiteStore else { throw StoreError.unavailable("not SQLite") }
            let columns = try await SchemaParityTests.sqliteSchema(sqlite).columns
            await temporary.remove()
            return columns
        } catch {
            await temporary.remove()
            throw error
        }
    }
}
