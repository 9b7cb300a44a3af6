import ArgumentParser
import Foundation
import WaymarkStore

/// What a backup holds, written into it as `manifest.json` and checked on restore.
struct BackupManifest: Codable {
    static let currentFormat = "waymark-backup/1"
    var format = Self.currentFormat
    var createdAt: Date
    /// Rows in each table of the copied database.
    var tables: [String: Int]
    /// The key files, by name, in `keys/`.
    var keyFiles: [String]
}

/// `waymark backup --to FILE`: a consistent copy of a running SQLite installation and its keys.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of this installation (its SQLite file and its keys) into one archive. The server may keep running.",
        discussion: """
            The database is copied with SQLite's online backup, so the copy is whole even while the server writes. \
            The archive is a tar file: keep it somewhere other than this machine, and keep it as safe as the data \
            folder, since it holds people's records and the signing keys. Put it back with 'waymark restore'.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The archive to write (a new file; an existing one is never overwritten).")
    var to: String

    func run() async throws {
        guard case .sqlite(let databasePath) = try data.location() else {
            throw CommandFailure(
                "This installation keeps its record in PostgreSQL: back that up with PostgreSQL's own pg_dump (see the README), and copy the keys folder \(data.url.appendingPathComponent("keys").path) beside it."
            )
        }
        let target = URL(fileURLWithPath: to)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            throw CommandFailure("\(to) is there already. Choose a new name, so that no backup is ever overwritten.")
        }
        let work = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: work) }

        let progress = TerminalProgress()
        defer { progress.finish() }
        // One step of SQLite's backup, not many: a step-by-step backup starts again whenever the
        // server writes between steps, and might never finish on a busy day.
        progress.step("Copying the database with SQLite's online backup")
        let copy = work.appendingPathComponent("waymark.sqlite")
        let counts = try await storeFailure { try SQLiteBackup.copy(from: databasePath, to: copy.path) }
        let keysFolder = data.url.appendingPathComponent("keys", isDirectory: true)
        let keyFiles = try Self.keyFiles(in: keysFolder)
        let manifest = BackupManifest(createdAt: Date(), tables: counts, keyFiles: keyFiles)
        let manifestFile = work.appendingPathComponent("manifest.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(manifest).write(to: manifestFile)

        let partial = work.appendingPathComponent("archive.tar")
        try TarArchive.write(
            [("manifest.json", manifestFile), ("waymark.sqlite", copy)] + keyFiles.map { ("keys/\($0)", keysFolder.appendingPathComponent($0)) },
            to: partial
        ) { written, total in
            progress.report("Writing the archive", bytes: written, of: total)
        }
        try FileManager.default.moveItem(at: partial, to: target)
        progress.finish()
        let rows = counts.values.reduce(0, +)
        print("Backed up \(rows) rows in \(counts.count) tables and \(keyFiles.count) key file\(keyFiles.count == 1 ? "" : "s") to \(to).")
    }

    /// The plain files of the keys folder (none if there is no folder yet).
    static func keyFiles(in folder: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { name in
            let values = try? folder.appendingPathComponent(name).resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            return values?.isRegularFile == true && values?.isSymbolicLink != true
        }
    }
}
