import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@Suite struct MigrateCommandTests {
    @Test func migrateAppliesEachChangeOnceAndSaysSo() throws {
        let data = DataFolder()
        let first = try runWaymark(["migrate", "--data", data.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("001-people") && first.stdout.contains("009-counter-expiry"))
        let again = try runWaymark(["migrate", "--data", data.path])
        #expect(again.stdout.contains("is up to date (10 changes"))
    }

    @Test func aDatabaseAddressThatIsNotOneIsAUsageError() throws {
        let data = DataFolder()
        let wrong = try runWaymark(["trainees", "list", "--data", data.path, "--database", "mysql://someone@host/db"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("neither a postgres:// address nor a file"))
        let noUser = try runWaymark(["migrate", "--database", "postgres://localhost/waymark"])
        #expect(noUser.status == 2)
        #expect(noUser.stderr.contains("needs a user name"))
    }
}

@Suite(.needsPostgres) struct ExportCommandTests {
    /// An organisation moves its demo cohort from SQLite to PostgreSQL: the same trainees list
    /// on both, and a second export into the same database is refused.
    @Test func exportGivesTheSameTraineesListOnBothStores() async throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let location = try TestDatabase.freshLocation(.postgres, folder: data.url)
        let address = try #require(TestDatabase.address(location))
        defer {
            Task {
                let store = try await location.open()
                try await store.dropTestSchema()
                await store.close()
            }
        }
        // As the README does it: the address in WAYMARK_DATABASE_URL, the source from --data.
        let exported = try runWaymark(["export", "--data", data.path, "--to", address], environment: ["WAYMARK_DATABASE_URL": address])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("every count matches"))
        #expect(exported.stdout.contains("events"))

        let onSQLite = try runWaymark(["trainees", "list", "--data", data.path])
        let onPostgres = try runWaymark(["trainees", "list"], environment: ["WAYMARK_DATABASE_URL": address])
        #expect(onSQLite.status == 0 && onPostgres.status == 0)
        #expect(onSQLite.stdout.contains("16 trainees"))
        #expect(onPostgres.stdout == onSQLite.stdout)
        #expect(try runWaymark(["certificates", "list", "--database", address, "--data", data.path]).stdout.contains("5 certificates"))

        let twice = try runWaymark(["export", "--data", data.path, "--to", address])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("export only into an empty one"))
    }
}
