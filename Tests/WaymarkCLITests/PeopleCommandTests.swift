import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

/// `waymark people export` and `waymark people erase`: a person's rights from the command line.
@Suite struct PeopleCommandTests {
    @Test func exportsEverythingAsJSONAndErasesOnlyWhenToldTo() throws {
        let data = DataFolder()
        for (role, email, name) in [("admin", "ada@example.org", "Ada Admin"), ("trainee", "jo@example.org", "Jo Bloggs")] {
            let added = try runWaymark(["users", "add", "--data", data.path, "--role", role, "--email", email, "--name", name, "--no-password"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let exported = try runWaymark(["people", "export", "--data", data.path, "--email", "JO@example.org"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let copy = try PersonalData.read(Data(exported.stdout.utf8))
        #expect(copy.profile.name == "Jo Bloggs")
        #expect(copy.programmes.count == 1)
        #expect(copy.auditAboutThem.contains { $0.action == "person.exported" && $0.actorID == "cli" })

        let file = data.url.appendingPathComponent("copy.json").path
        #expect(try runWaymark(["people", "export", "--data", data.path, "--email", "jo@example.org", "--out", file]).status == 0)
        #expect(try PersonalData.read(Data(contentsOf: URL(fileURLWithPath: file))).profile.email == "jo@example.org")
        let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let again = try runWaymark(["people", "export", "--data", data.path, "--email", "jo@example.org", "--out", file])
        #expect(again.status == 1 && again.stderr.contains("exists already"))

        // Not at a terminal, erasure is never guessed: it needs --yes.
        let unasked = try runWaymark(["people", "erase", "--data", data.path, "--email", "jo@example.org"])
        #expect(unasked.status == 2 && unasked.stderr.contains("--yes"))
        // The last admin is never erased.
        let admin = try runWaymark(["people", "erase", "--data", data.path, "--email", "ada@example.org", "--yes"])
        #expect(admin.status == 1 && admin.stderr.contains("only admin"))
        let erased = try runWaymark(["people", "erase", "--data", data.path, "--email", "jo@example.org", "--yes"])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("Erased the personal data of jo@example.org"))
        let list = try runWaymark(["users", "list", "--data", data.path])
        #expect(!list.stdout.contains("Jo Bloggs") && !list.stdout.contains("jo@example.org"))
        let database = try Data(contentsOf: data.url.appendingPathComponent("waymark.sqlite"))
        #expect(database.range(of: Data("Jo Bloggs".utf8)) == nil)
        #expect(try runWaymark(["people", "export", "--data", data.path, "--email", "jo@example.org"]).status == 1)
    }
}
