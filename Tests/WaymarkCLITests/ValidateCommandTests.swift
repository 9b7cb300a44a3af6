import Foundation
import Testing
import WaymarkCurriculum
import WaymarkTestSupport
import WaymarkXML

@testable import WaymarkCLI

/// Runs the `waymark` binary that `swift build` made, as a person would.
func runWaymark(
    _ arguments: [String],
    in directory: URL? = nil,
    environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    let binary = try #require(builtWaymark(), "the waymark executable was not found next to the tests; run swift build first")
    let finished = try runProgram(binary, arguments, in: directory, environment: environment)
    return (finished.status, finished.stdout, finished.stderr)
}

/// `swift test` builds every product into the same folder as the test bundle.
func builtWaymark() -> URL? {
    var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("waymark")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return nil
}

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct ValidateCommandTests {
    @Test func validatesTheBundledCurriculumAndPrintsTheSummary() throws {
        let result = try runWaymark(["validate"], in: repositoryRoot)
        #expect(result.status == 0)
        let summary = try #require(result.stdout.split(separator: "\n").last)
        #expect(summary.hasPrefix("2 programmes, "))
        #expect(summary.hasSuffix(": OK"))
    }

    @Test func findsTheBundledCurriculumFromAnotherFolder() throws {
        let result = try runWaymark(["validate"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix(": OK\n"))
    }

    @Test func exitsWithOneAndListsProblemsForABrokenCopy() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["Curriculum", "Assessments"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        let programme = copy.appendingPathComponent("Curriculum/peer-mentoring/programme.xml")
        var text = try String(contentsOf: programme, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #"assessment="role-check" open-to-applicants="true""#,
            with: #"assessment="role-check" requires="lapses" open-to-applicants="true""#
        )
        try Data(text.utf8).write(to: programme)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("Curriculum/peer-mentoring/units/bridge.xml"))

        let result = try runWaymark(["validate", "."], in: copy)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasPrefix("Curriculum/peer-mentoring/programme.xml:")
                    && $0.contains(": error: These prerequisites go round in a circle: role → lapses → small-steps → listening → role.")
            }
        )
        #expect(
            lines.contains {
                $0.hasPrefix("Curriculum/peer-mentoring/programme.xml:") && $0.contains(": error: The unit file 'units/bridge.xml' does not exist.")
            }
        )
        #expect(lines.last?.hasSuffix(": 2 errors") == true)
    }

    @Test func givesJSONForEditors() throws {
        let result = try runWaymark(["validate", "--format", "json"], in: repositoryRoot)
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == true)
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true)
        #expect((json["counts"] as? [String: Int])?["programmes"] == 2)
    }

    @Test func exitsWithTwoForAFolderThatDoesNotExist() throws {
        let result = try runWaymark(["validate", "/no/such/folder"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("The folder '/no/such/folder' does not exist."))
        #expect(result.stdout.isEmpty)
    }

    @Test func takesTheFileSizeLimitFromTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-size-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Curriculum/p/units"), withIntermediateDirectories: true)
        let padding = String(repeating: "<!-- padding -->\n", count: 70_000)  // about 1.2 MB
        try Data(("<?xml version=\"1.0\"?>\n" + padding + "<programme/>").utf8)
            .write(to: folder.appendingPathComponent("Curriculum/p/programme.xml"))
        let result = try runWaymark(["validate", folder.path, "--max-file-mb", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("programme.xml:1:1: error: This file is 1.2 MB; the limit is 1 MB."))
        #expect(try runWaymark(["validate", folder.path, "--max-file-mb", "0"]).status == 2)
    }

    @Test func exitsWithTwoForAnUnknownFormat() throws {
        #expect(try runWaymark(["validate", "--format", "yaml"], in: repositoryRoot).status == 2)
    }

    @Test func summaryNamesErrorsAndWarningsInPlainCounts() {
        let report = CurriculumReport(
            curriculum: Curriculum(programmes: []),
            diagnostics: [.error("a.xml", .startOfFile, "x"), .warning("a.xml", .startOfFile, "y"), .warning("b.xml", .startOfFile, "z")]
        )
        #expect(ValidationReport.summary(report) == "0 programmes, 0 modules, 0 units, 0 assessments, 0 questions: 1 error, 2 warnings")
        let warningsOnly = CurriculumReport(curriculum: Curriculum(programmes: []), diagnostics: [.warning("a.xml", .startOfFile, "y")])
        #expect(ValidationReport.summary(warningsOnly).hasSuffix(": OK with 1 warning"))
    }
}
