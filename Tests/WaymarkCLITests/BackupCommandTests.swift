import Foundation
import Synchronization
import Testing
import WaymarkStore
import WaymarkTestSupport

@Suite struct BackupCommandTests {
    /// A backup taken while people are being added is whole: it restores, passes SQLite's
    /// integrity check and every table's count, and the restored installation works.
    @Test func aBackupTakenWhileWritesGoOnRestoresWhole() async throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let rotate = try runWaymark(["keys", "rotate", "--data", data.path])
        #expect(rotate.status == 0, "\(rotate.stderr)")
        let keyFiles = try FileManager.default.contentsOfDirectory(atPath: data.url.appendingPathComponent("keys").path).sorted()
        #expect(!keyFiles.isEmpty)
        let store = try AnyWaymarkStore.sqlite(path: data.url.appendingPathComponent("waymark.sqlite").path)
        let writing = Atomic<Bool>(true)
        let writer = Task {
            var added = 0
            while writing.load(ordering: .relaxed) {
                _ = try await store.addPerson(
                    NewPerson(name: "Writer \(added)", email: "writer\(added)@example.org", roles: [.coordinator], passwordHash: nil),
                    at: Date()
                )
                added += 1
            }
            return added
        }
        try await Task.sleep(for: .milliseconds(200))
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-backup-\(UUID().uuidString).tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        let dataPath = data.path
        let backup = try await Self.detached { try runWaymark(["backup", "--data", dataPath, "--to", archive.path]) }
        writing.store(false, ordering: .relaxed)
        let added = try await writer.value
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("Backed up "))
        #expect(added > 0)

        // A tar archive an operator can look into.
        let listing = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["tar", "tf", archive.path])
        #expect(listing.stdout.contains("manifest.json") && listing.stdout.contains("waymark.sqlite"), "\(listing.stdout)")

        let restored = DataFolder()
        let restore = try runWaymark(["restore", archive.path, "--data", restored.path])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.contains("SQLite's integrity check passed and every table holds the rows the backup counted"))
        let list = try runWaymark(["trainees", "list", "--data", restored.path])
        #expect(list.stdout.contains("16 trainees"), "\(list.stdout) \(list.stderr)")
        let people = try await AnyWaymarkStore.sqlite(path: restored.url.appendingPathComponent("waymark.sqlite").path).people(withRole: .coordinator)
        #expect(people.count >= 1 && people.count <= added + 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: restored.url.appendingPathComponent("keys").path).sorted() == keyFiles)
        let keys = try runWaymark(["keys", "list", "--data", restored.path])
        #expect(keys.status == 0, "\(keys.stderr)")

        // Never over a folder in use, and never over an existing archive.
        let again = try runWaymark(["restore", archive.path, "--data", restored.path])
        #expect(again.status != 0)
        #expect(again.stderr.contains("is not empty"))
        let overwrite = try runWaymark(["backup", "--data", data.path, "--to", archive.path])
        #expect(overwrite.status != 0)
        #expect(overwrite.stderr.contains("is there already"))
    }

    /// A backup cut short is refused with the reason, and nothing half restored is left.
    @Test func aDamagedBackupIsRefusedAndLeavesNothing() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-backup-\(UUID().uuidString).tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        #expect(try runWaymark(["backup", "--data", data.path, "--to", archive.path]).status == 0)
        let whole = try Data(contentsOf: archive)
        try whole.prefix(whole.count / 2).write(to: archive)
        let restored = DataFolder()
        let restore = try runWaymark(["restore", archive.path, "--data", restored.path])
        #expect(restore.status != 0)
        #expect(restore.stderr.contains("cut short"), "\(restore.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: restored.path))?.isEmpty ?? true)
    }

    @Test func aPostgreSQLInstallationIsPointedToPgDump() throws {
        let data = DataFolder()
        let backup = try runWaymark(
            ["backup", "--data", data.path, "--to", data.url.appendingPathComponent("b.tar").path],
            environment: ["WAYMARK_DATABASE_URL": "postgres://someone@127.0.0.1:1/none"]
        )
        #expect(backup.status != 0)
        #expect(backup.stderr.contains("pg_dump"))
    }

    /// A command run on a thread of its own, so the writes it races against keep going.
    static func detached<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            Thread.detachNewThread { done.resume(with: Result { try body() }) }
        }
    }
}
