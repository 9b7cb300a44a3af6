import Foundation
import WaymarkCurriculum
import WaymarkXML

/// The repository root, where the bundled Curriculum/ and Assessments/ live.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A throwaway curriculum folder made of the given files; removed when dropped.
final class TemporaryCurriculum {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-test-\(UUID().uuidString)")
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    /// A copy of the bundled curriculum to break on purpose.
    static func copyOfBundled() throws -> TemporaryCurriculum {
        let copy = try TemporaryCurriculum([:])
        for folder in ["Curriculum", "Assessments"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: copy.url.appendingPathComponent(folder))
        }
        return copy
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(path))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        precondition(text.contains(old), "test setup: \(path) does not contain \(old)")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(path))
    }

    /// Loads with paths shown relative to the folder, as `waymark validate` does when run inside it.
    func load() throws -> CurriculumReport {
        try CurriculumLoader().load(from: url, displayRoot: ".")
    }

    /// The diagnostics as `path:line:col: severity: message` lines.
    func lines() throws -> [String] {
        try load().diagnostics.map(\.description)
    }
}

/// A small valid programme; tests change single lines of it. Line numbers matter below.
enum Tiny {
    static let programme = """
        <?xml version="1.0" encoding="UTF-8"?>
        <programme xmlns="urn:waymark:curriculum:1" id="p" version="1">
          <title>Tiny</title>
          <training>
            <module id="a" unit="units/a.xml" assessment="a-check"/>
            <module id="b" unit="units/b.xml" requires="a"/>
          </training>
          <certificate title="Done"/>
        </programme>
        """

    static func unit(_ id: String, reflection: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <unit xmlns="urn:waymark:curriculum:1" id="\(id)">
          <title>Unit \(id)</title>
          <section id="s1">
            <title>Start</title>
            <p>Read <link href="https://example.org">this</link>.</p>
          </section>
          \(reflection)
        </unit>
        """
    }

    static func assessment(_ id: String, questions: String = defaultQuestion, passMark: String = "80") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <assessment xmlns="urn:waymark:curriculum:1" id="\(id)" pass-mark="\(passMark)">
          <title>Check</title>
        \(questions)
        </assessment>
        """
    }

    static let defaultQuestion = """
          <true-false id="q1" answer="true">
            <prompt>Is this fine?</prompt>
          </true-false>
        """

    static func files(
        programme: String = programme,
        unitA: String = unit("a"),
        unitB: String = unit("b"),
        assessment: String = assessment("a-check")
    ) -> [String: String] {
        [
            "Curriculum/p/programme.xml": programme,
            "Curriculum/p/units/a.xml": unitA,
            "Curriculum/p/units/b.xml": unitB,
            "Assessments/p/a-check.xml": assessment,
        ]
    }
}
