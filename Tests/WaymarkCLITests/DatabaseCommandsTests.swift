import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@Suite struct MigrateCommandTests {
    @Test func migrateAppliesEachChangeOnceAndSaysSo() throws {
        let data = DataFolder()
        let first = try runWaymark(["migrate", "--data", data.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("001-people") && first.stdout.contains("015-cohort-binary-order"))
        let again = try runWaymark(["migrate", "--data", data.path])
        #expect(again.stdout.contains("is up to date (15 changes"))
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
        // The certificates keep their status bits: the same lists on both.
        func encodedList(_ arguments: [String], environment: [String: String] = [:]) throws -> String? {
            let jwt = try runWaymark(["credentials", "status-list", "suspension"] + arguments, environment: environment).stdout
            let payload = jwt.split(separator: ".").dropFirst().first.flatMap { Data(base64Encoded: Self.padded($0)) }
            let subject = payload.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }?["credentialSubject"]
            return (subject as? [String: Any])?["encodedList"] as? String
        }
        let sqliteList = try encodedList(["--data", data.path])
        #expect(sqliteList != nil)
        #expect(try encodedList(["--data", data.path], environment: ["WAYMARK_DATABASE_URL": address]) == sqliteList)

        let twice = try runWaymark(["export", "--data", data.path, "--to", address])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("export only into an empty one"))
    }

    /// Base64url as Foundation's base64 reads it.
    static func padded(_ text: Substring) -> String {
        let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }
}
