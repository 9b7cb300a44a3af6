import Foundation
import Synchronization
import Testing
import WaymarkTestSupport

@testable import WaymarkCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress lines on long commands: drawn for a person at a terminal, never in scripts or JSON.
@Suite struct ProgressTests {
    /// Collects what a progress line writes.
    final class Screen: Sendable {
        private let written = Mutex<[String]>([])
        var writes: [String] { written.withLock { $0 } }
        var writer: TerminalProgress.Writer { { text in self.written.withLock { $0.append(text) } } }
    }

    @Test func drawsInPlaceAtMostOncePerIntervalAndAlwaysTheEnd() {
        let screen = Screen()
        let progress = TerminalProgress(writer: screen.writer, interval: .seconds(3_600))
        progress.report("Copying events", done: 1, of: 2_500, unit: "rows")
        progress.report("Copying events", done: 2, of: 2_500, unit: "rows")
        progress.report("Copying events", done: 2_500, of: 2_500, unit: "rows")
        #expect(screen.writes == ["\rCopying events: 1 of 2,500 rows (0%)", "\rCopying events: 2,500 of 2,500 rows (100%)"])
    }

    @Test func aShorterLineCoversTheLongerOneAndFinishClearsIt() {
        let screen = Screen()
        let progress = TerminalProgress(writer: screen.writer, interval: .zero)
        progress.step("Copying the database")
        progress.step("Done")
        progress.finish()
        progress.finish()
        let writes = screen.writes
        #expect(writes.count == 3)
        #expect(writes[1] == "\rDone…" + String(repeating: " ", count: "Copying the database…".count - "Done…".count))
        #expect(writes[2] == "\r" + String(repeating: " ", count: "Done…".count) + "\r")
    }

    @Test func numbersReadAtAGlance() {
        let screen = Screen()
        let progress = TerminalProgress(writer: screen.writer)
        progress.report("Unpacking the backup", bytes: 1_250_000, of: 40_000_000)
        #expect(screen.writes == ["\rUnpacking the backup: 1.2 of 40.0 MB"])
        #expect(TerminalProgress.grouped(1_234_567) == "1,234,567")
        #expect(TerminalProgress.grouped(999) == "999")
        // Counts beyond the total, or below zero, never print nonsense.
        progress.report("Adding", done: 30, of: 16, unit: "trainees")
        progress.report("Adding", done: -1, of: 0, unit: "trainees")
        #expect(screen.writes.dropFirst().allSatisfy { !$0.contains("30") && !$0.contains("-1") })
    }

    @Test func writesNothingWhenNobodyIsWatching() {
        #expect(!TerminalProgress.isWatched(quiet: true))
        #expect(!TerminalProgress.isWatched(quiet: false, environment: ["TERM": "dumb"]) || isatty(STDERR_FILENO) == 0)
        let silent = TerminalProgress(writer: nil)
        #expect(!silent.isShown)
        silent.report("Copying", done: 1, of: 2, unit: "rows")
        silent.finish()
    }

    // The commands themselves, at a terminal and in a script.

    @Test func demoShowsProgressAtATerminalAndNothingInAScript() throws {
        let atTerminal = DataFolder()
        let shown = try runWaymarkAtATerminal(["demo", "--data", atTerminal.path])
        #expect(shown.status == 0, "\(shown.terminal)")
        #expect(shown.terminal.contains("\rAdding the demo cohort: 16 of 16 trainees (100%)"))
        #expect(shown.stdout.hasPrefix("Added the demo cohort"), "the summary still goes to standard output, on its own line")

        let inScript = DataFolder()
        let quiet = try runWaymark(["demo", "--data", inScript.path])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty)
        #expect(!quiet.stdout.contains("\r"))
    }

    @Test func backupAndRestoreSayWhatTheyAreDoing() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-progress-\(UUID().uuidString).tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        let backup = try runWaymarkAtATerminal(["backup", "--data", data.path, "--to", archive.path])
        #expect(backup.status == 0, "\(backup.terminal)")
        #expect(backup.terminal.contains("Copying the database with SQLite's online backup…"))
        #expect(backup.terminal.contains("Writing the archive: "))
        let restored = DataFolder()
        let restore = try runWaymarkAtATerminal(["restore", archive.path, "--data", restored.path])
        #expect(restore.status == 0, "\(restore.terminal)")
        #expect(restore.terminal.contains("Unpacking the backup: "))
        #expect(restore.terminal.contains("Checking the database: SQLite's integrity check, then every table's rows…"))
        #expect(restore.stdout.hasPrefix("Restored "))
    }

    @Test func aPersonsCopySaysWhatItIsDoingAndKeepsItsJSONClean() throws {
        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let email = "jamal.reid@demo.waymark.invalid"
        let shown = try runWaymarkAtATerminal(["people", "export", "--email", email, "--data", data.path])
        #expect(shown.status == 0, "\(shown.terminal)")
        #expect(shown.terminal.contains("Gathering everything held about \(email)…"))
        #expect(shown.stdout.hasPrefix("{"), "standard output holds the JSON alone")
        let quiet = try runWaymark(["people", "export", "--email", email, "--data", data.path])
        #expect(quiet.stderr.isEmpty)
    }

    @Test func importShowsProgressButNotUnderJSON() throws {
        let bank = SampleFiles.url("moodle-xml/every-type.xml").path
        let text = try runWaymarkAtATerminal(["import", "moodle", bank, "--dry-run", "--out", "bank.xml"])
        #expect(text.terminal.contains("\rReading question banks: 1 of 1 files (100%)"))
        let json = try runWaymarkAtATerminal(["import", "moodle", bank, "--dry-run", "--out", "bank.xml", "--format", "json"])
        #expect(json.status == text.status)
        #expect(!json.terminal.contains("Reading question banks"))
        #expect(json.stdout.hasPrefix("{"))
    }
}

/// Runs waymark with its standard error on a terminal, as when a person runs it in a terminal
/// window, and its standard output redirected to a file. `script` (util-linux, in Debian's
/// essential bsdutils) gives it the pseudo-terminal and passes on what is drawn there.
func runWaymarkAtATerminal(_ arguments: [String]) throws -> (status: Int32, terminal: String, stdout: String) {
    let binary = try #require(builtWaymark())
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-terminal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let quoted = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let command = quoted.joined(separator: " ") + " > '\(output.path)'"
    let finished = try runProgram(
        URL(fileURLWithPath: "/usr/bin/script"),
        ["--quiet", "--return", "--command", command, "/dev/null"],
        in: repositoryRoot,
        environment: ["TERM": "xterm"]
    )
    let stdout = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    return (finished.status, finished.stdout, stdout)
}
