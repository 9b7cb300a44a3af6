import Foundation
import Testing

@Suite struct KeysCommandTests {
    /// Key ids are base64url, so some start with "-": retire must take one as a key id, not an option.
    @Test func aKeyIdStartingWithADashIsAKeyIdNotAnOption() throws {
        let data = DataFolder()
        #expect(try runWaymark(["keys", "rotate", "--data", data.path]).status == 0)
        let dashed = try runWaymark(["keys", "retire", "-DNo--lmIkxEgojgXN-bU4w", "--data", data.path])
        #expect(dashed.status == 1)
        #expect(dashed.stderr.contains("There is no published key -DNo--lmIkxEgojgXN-bU4w"))
        let none = try runWaymark(["keys", "retire", "--data", data.path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("Give one key id"))
    }

    /// Keys live only in the data folder, so the keys commands offer --data and not --database.
    @Test func keysCommandsTakeTheDataFolderOnly() throws {
        let data = DataFolder()
        let listed = try runWaymark(["keys", "list", "--data", data.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        let help = try runWaymark(["keys", "list", "--help"])
        #expect(help.stdout.contains("--data"))
        #expect(!help.stdout.contains("--database"))
        let refused = try runWaymark(["keys", "list", "--data", data.path, "--database", "postgres://localhost/waymark"])
        #expect(refused.status == 2)
    }
}
