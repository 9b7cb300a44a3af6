import ArgumentParser
import Foundation
import WaymarkStore

/// `waymark restore FILE --data DIR`: puts a backup into an empty data folder and checks it.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup made by 'waymark backup' into an empty data folder, and check it.",
        discussion: """
            The folder must be new or empty, so nothing in it is overwritten. The restored database must pass \
            SQLite's integrity check and hold, table by table, the rows the backup counted; if not, nothing is kept.
            """
    )

    @Argument(help: "The backup archive.")
    var file: String

    @OptionGroup var data: DataOptions

    /// Far more than any real installation, and a bound on what a damaged archive can make us write.
    static let largestFile: UInt64 = 1 << 40

    func run() async throws {
        let folder = data.url
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path) {
            guard (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true else {
                throw CommandFailure("\(folder.path) is not empty. Restore into a new or empty folder, so that nothing there is overwritten.")
            }
        }
        guard manager.fileExists(atPath: file) else { throw CommandFailure("There is no backup at \(file).") }
        let keys = folder.appendingPathComponent("keys", isDirectory: true)
        let manifestFile = folder.appendingPathComponent(".restore-manifest.json")
        let progress = TerminalProgress()
        defer { progress.finish() }
        do {
            try manager.createDirectory(at: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            let paths = try TarArchive.extract(
                URL(fileURLWithPath: file),
                largestFile: Self.largestFile,
                progress: { read, total in progress.report("Unpacking the backup", bytes: read, of: total) }
            ) { path in
                switch path {
                case "manifest.json": return manifestFile
                case "waymark.sqlite": return folder.appendingPathComponent("waymark.sqlite")
                default:
                    let name = String(path.dropFirst("keys/".count))
                    guard path.hasPrefix("keys/"), !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return nil }
                    return keys.appendingPathComponent(name)
                }
            }
            guard paths.contains("manifest.json"), paths.contains("waymark.sqlite") else {
                throw CommandFailure("\(file) is not a whole Waymark backup: it has no manifest or no database.")
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard let manifest = try? decoder.decode(BackupManifest.self, from: Data(contentsOf: manifestFile)),
                manifest.format == BackupManifest.currentFormat
            else { throw CommandFailure("\(file) has a manifest this Waymark cannot read.") }
            let missingKeys = manifest.keyFiles.filter { !paths.contains("keys/\($0)") }
            progress.step("Checking the database: SQLite's integrity check, then every table's rows")
            var problems = try SQLiteBackup.problems(at: folder.appendingPathComponent("waymark.sqlite").path, expected: manifest.tables)
            problems += missingKeys.map { "the key file \($0) is missing" }
            guard problems.isEmpty else {
                throw CommandFailure("The backup did not restore cleanly, so nothing was kept:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
            }
            try? manager.removeItem(at: manifestFile)
            progress.finish()
            let rows = manifest.tables.values.reduce(0, +)
            print(
                "Restored \(file) into \(folder.path): SQLite's integrity check passed and every table holds the rows the backup counted (\(rows) rows in \(manifest.tables.count) tables), with \(manifest.keyFiles.count) key file\(manifest.keyFiles.count == 1 ? "" : "s")."
            )
        } catch {
            progress.finish()
            // Nothing half restored is left behind to be mistaken for a working installation.
            if let contents = try? manager.contentsOfDirectory(atPath: folder.path) {
                for name in contents { try? manager.removeItem(at: folder.appendingPathComponent(name)) }
            }
            if let problem = error as? TarArchive.Problem { throw CommandFailure(problem.description) }
            throw error
        }
    }
}
