import Foundation
import Testing
import WaymarkCurriculum
import WaymarkTestSupport

/// The schema in Schemas/ is what editors and `xmllint` use; Waymark must agree with it.
@Suite struct SchemaAgreementTests {
    /// xmllint from libxml2-utils; `.ci/run` installs it.
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let schema = repositoryRoot.appendingPathComponent("Schemas/curriculum-1.xsd").path

    /// Runs `xmllint --noout --schema` and returns its exit status and what it printed.
    func xmllint(_ files: [String]) throws -> (status: Int32, output: String) {
        let tool = try #require(Self.xmllint, "xmllint is missing: install it with apt-get install libxml2-utils")
        let finished = try runProgram(URL(fileURLWithPath: tool), ["--noout", "--nonet", "--schema", Self.schema] + files, mergeOutput: true)
        return (finished.status, finished.stdout)
    }

    @Test func xmllintAcceptsEveryShippedFile() throws {
        var files: [String] = []
        for folder in ["Curriculum", "Assessments"] {
            let enumerator = FileManager.default.enumerator(at: repositoryRoot.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "xml" { files.append(url.path) }
            }
        }
        #expect(files.count >= 20)
        let result = try xmllint(files)
        #expect(result.status == 0, "\(result.output)")
    }

    /// Single-file mistakes that both the schema and Waymark must refuse.
    static let brokenUnits: [(String, String)] = [
        ("empty title", #"<p>x</p></section><section id="s2"><title>  </title><p>y</p>"#),
        ("javascript link", #"<p><link href="javascript:alert(1)">x</link></p>"#),
        ("raw HTML", #"<p>Hi <script>alert(1)</script></p>"#),
        ("unknown element", #"<p>Hi</p><marquee>x</marquee>"#),
        ("bad id", #"<p>Hi</p></section><section id="Not An Id"><title>T</title><p>x</p>"#),
        ("duplicate section id", #"<p>Hi</p></section><section id="s1"><title>T</title><p>x</p>"#),
    ]

    @Test(arguments: brokenUnits)
    func bothRefuseABrokenUnit(name: String, fragment: String) throws {
        let unit = """
            <?xml version="1.0" encoding="UTF-8"?>
            <unit xmlns="urn:waymark:curriculum:1" id="a">
              <title>Unit</title>
              <section id="s1">
                <title>Start</title>
                \(fragment)
              </section>
            </unit>
            """
        let folder = try TemporaryCurriculum(Tiny.files(unitA: unit))
        let waymark = try folder.load()
        #expect(!waymark.isValid, "Waymark accepted: \(name)")
        let result = try xmllint([folder.url.appendingPathComponent("Curriculum/p/units/a.xml").path])
        #expect(result.status != 0, "xmllint accepted: \(name)")
    }

    @Test(arguments: ["150", "-1", "lots"])
    func bothRefuseAPassMarkOutOfRange(passMark: String) throws {
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", passMark: passMark)))
        #expect(!(try folder.load().isValid))
        #expect(try xmllint([folder.url.appendingPathComponent("Assessments/p/a-check.xml").path]).status != 0)
    }

    @Test func bothRefuseADuplicateModuleId() throws {
        let programme = Tiny.programme.replacingOccurrences(of: #"<module id="b""#, with: #"<module id="a""#)
        let folder = try TemporaryCurriculum(Tiny.files(programme: programme))
        #expect(!(try folder.load().isValid))
        #expect(try xmllint([folder.url.appendingPathComponent("Curriculum/p/programme.xml").path]).status != 0)
    }

    @Test func bothAcceptTheTinyCurriculum() throws {
        let folder = try TemporaryCurriculum(Tiny.files())
        #expect(try folder.load().isValid)
        let paths = Tiny.files().keys.sorted().map { folder.url.appendingPathComponent($0).path }
        let result = try xmllint(paths)
        #expect(result.status == 0, "\(result.output)")
    }
}
