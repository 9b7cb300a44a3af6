import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress
import WaymarkTestSupport

/// The repository root.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A Moodle bank written by another project, from the conformance folder (`WAYMARK_FIXTURES`).
func moodleFixture(_ name: String) throws -> ImportInput {
    ImportInput(url: try ConformanceFiles.url("moodle-xml/\(name)"), displayPath: "moodle-xml/\(name)")
}

/// A QTI item written by another project, from the conformance folder (`WAYMARK_FIXTURES`).
func qtiFixture(_ path: String) throws -> ImportInput {
    ImportInput(url: try ConformanceFiles.url("qti/\(path)"), displayPath: "qti/\(path)")
}

/// A Moodle bank this project wrote for its tests (`Tests/Samples/moodle-xml`).
func moodleSample(_ name: String) -> ImportInput {
    ImportInput(url: SampleFiles.url("moodle-xml/\(name)"), displayPath: "moodle-xml/\(name)")
}

/// A QTI item or folder this project wrote for its tests (`Tests/Samples/qti`).
func qtiSample(_ path: String) -> ImportInput {
    ImportInput(url: SampleFiles.url("qti/\(path)"), displayPath: "qti/\(path)")
}

/// QTI's map_response, worked out by hand from the specification: sum the mapped value of each
/// distinct key given (the default for keys not mapped), then hold it within the bounds.
func qtiMapResponse(_ keys: Set<String>, mapping: [String: Double], default value: Double, lower: Double?, upper: Double?) -> Double {
    var total = keys.reduce(0) { $0 + (mapping[$1] ?? value) }
    if let lower { total = max(lower, total) }
    if let upper { total = min(upper, total) }
    return total
}

func options(_ id: String = "imported") -> ImportOptions {
    ImportOptions(assessmentID: id, title: "Imported", passMark: 70, displayPath: "Assessments/p/\(id).xml")
}

/// The one question of a one-question import, as Waymark reads it back from the written XML.
func onlyQuestion(_ outcome: ImportOutcome) throws -> Question {
    let questions = try #require(outcome.assessment?.questions)
    try #require(questions.count == 1, "expected one question, got \(questions.count)")
    return questions[0]
}

/// The points and outcome `Scoring` gives this answer.
func score(_ question: Question, _ answer: Answer) -> (earned: Double, percent: Double, outcome: QuestionResult.Outcome) {
    let result = Scoring.score(question, answer: answer)
    return (result.earned, result.possible > 0 ? (result.earned / result.possible * 100 * 1000).rounded() / 1000 : 0, result.outcome)
}

/// A throwaway folder outside the repository.
final class TemporaryFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-import-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}

/// xmllint from libxml2-utils, the tool editors and CI use.
let xmllintPath = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs `xmllint --noout --schema Schemas/curriculum-1.xsd` on the imported XML.
func xmllint(_ xml: [UInt8]) throws -> (status: Int32, output: String) {
    let tool = try #require(xmllintPath, "xmllint is missing: install it with apt-get install libxml2-utils")
    let folder = try TemporaryFolder()
    let file = folder.url.appendingPathComponent("imported.xml")
    try Data(xml).write(to: file)
    let finished = try runProgram(
        URL(fileURLWithPath: tool),
        ["--noout", "--nonet", "--schema", repositoryRoot.appendingPathComponent("Schemas/curriculum-1.xsd").path, file.path],
        mergeOutput: true
    )
    return (finished.status, finished.stdout)
}

/// Both Waymark's loader and xmllint accept the written file.
func expectValid(_ outcome: ImportOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let xml = try #require(outcome.xml, sourceLocation: sourceLocation)
    let checked = CurriculumLoader().checkAssessment(xml, displayPath: "imported.xml")
    #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.description) == [], sourceLocation: sourceLocation)
    #expect(outcome.report.hasErrors == false, sourceLocation: sourceLocation)
    let lint = try xmllint(xml)
    #expect(lint.status == 0, "\(lint.output)", sourceLocation: sourceLocation)
}
