import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WaymarkCurriculum

@testable import WaymarkWeb

#if canImport(Glibc)
import Glibc
#endif

/// `waymark preview` on a copy of the bundled curriculum: the trainee's own pages, with no
/// accounts and nothing kept, following the files as they change.
@Suite struct PreviewTests {
    static let unit = "Curriculum/peer-mentoring/units/role.xml"
    static let banner = "<strong>Preview:</strong> nothing you do here is saved; this is how trainees will see it."
    static let pathway = ["role", "lived-experience", "listening", "small-steps", "lapses", "boundaries", "bridge", "self-care", "power-and-voice"]

    @Test func theIndexListsEveryProgrammeAndItsModulesInPathwayOrder() async throws {
        let copy = try CurriculumCopy()
        try await preview(copy) { browser in
            let index = try await browser.get("/")
            #expect(index.status == .ok)
            #expect(index.html.contains(Self.banner))
            #expect(index.html.contains("Peer Mentoring in Criminal Justice"))
            #expect(index.html.contains("Volunteer Induction"))
            #expect(!index.html.contains("/login"))
            let units = Self.links(in: index.html, under: "/programmes/peer-mentoring/modules/")
            #expect(units == Self.pathway)
            #expect(index.html.contains(#"<a href="/programmes/peer-mentoring/modules/role/check">Take the check: "#))
            #expect(index.html.contains("After: “What peer mentoring is, and what it is not”"))
        }
    }

    @Test func aModuleComesAfterEveryModuleItNeedsAndACircleDoesNotStopTheList() {
        func module(_ id: String, _ requires: [String]) -> Module {
            Module(id: id, unitPath: "units/\(id).xml", unitID: nil, assessmentID: nil, requires: requires, isOpenToApplicants: false, isOptional: false)
        }
        let programme = Programme(
            id: "p", version: "1", title: "P", summary: [], recruitment: [],
            modules: [module("c", ["b"]), module("a", []), module("b", ["a"]), module("x", ["y"]), module("y", ["x"])],
            practice: nil, certificate: CertificateSpec(title: "Done", validForMonths: nil, description: [], criteria: [], renewal: nil),
            units: [:], assessments: [:]
        )
        #expect(PathwayOrder.modules(programme).map(\.id) == ["a", "b", "c", "y", "x"])
    }

    @Test func unitAndCheckPagesAreTheTraineesPagesWithTheBanner() async throws {
        let copy = try CurriculumCopy()
        try await preview(copy) { browser in
            let unit = try await browser.get("/programmes/peer-mentoring/modules/role")
            #expect(unit.status == .ok)
            #expect(unit.html.contains(Self.banner))
            #expect(unit.html.contains("<h1>What peer mentoring is, and what it is not</h1>"))
            #expect(unit.html.contains(#"<form method="post" action="/programmes/peer-mentoring/modules/role/read">"#))
            #expect(unit.html.contains(#"name="csrf" value=""#))
            #expect(unit.html.contains("<title>Preview: What peer mentoring is, and what it is not – Waymark</title>"))

            let read = try await browser.post("/programmes/peer-mentoring/modules/role/read")
            #expect(read.location == "/programmes/peer-mentoring/modules/role/check")

            let check = try await browser.get("/programmes/peer-mentoring/modules/boundaries/check")
            #expect(check.status == .ok)
            #expect(check.html.contains(Self.banner))
            #expect(check.html.contains(#"<form method="post" action="/programmes/peer-mentoring/modules/boundaries/check">"#))
            #expect(check.html.contains("you can send this check as often as you like. Trainees can try it up to 5 times, with a wait of 1 hour between tries."))
            let head = try await browser.client.execute(uri: "/programmes/peer-mentoring/modules/role", method: .head, headers: [:], body: nil)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentType] == unit.headers[.contentType])
            #expect(try await browser.get("/programmes/peer-mentoring/modules/no-such-module").status == .notFound)
            #expect(try await browser.get("/programmes/no-such-programme/modules/role").status == .notFound)
        }
    }

    @Test func answeringACheckShowsTheResultAndFeedbackATraineeGetsAndNeedsTheToken() async throws {
        let copy = try CurriculumCopy()
        let assessment = try Self.assessment("role-check", in: copy)
        try await preview(copy) { browser in
            try await browser.get("/programmes/peer-mentoring/modules/role/check")
            let passed = try await browser.post("/programmes/peer-mentoring/modules/role/check", Answers.fields(assessment, right: true))
            #expect(passed.status == .ok)
            #expect(passed.html.contains("<h1>Well done. You passed.</h1>"))
            #expect(passed.html.contains("You scored 100%"))
            #expect(passed.html.contains(Self.banner))

            let failed = try await browser.post("/programmes/peer-mentoring/modules/role/check", Answers.fields(assessment, right: false))
            #expect(failed.html.contains("<h1>Not this time, and that is fine.</h1>"))
            #expect(failed.html.contains("Not right this time"))
            // Nothing was kept: the best is this try's score, not the pass before it.
            #expect(failed.html.contains("Your best so far is 7%."))
            #expect(!failed.html.contains("Your best so far is 100%."))
            #expect(failed.html.contains(#"<a class="button" href="/programmes/peer-mentoring/modules/role/check">Try again</a>"#))

            let blank = try await browser.post("/programmes/peer-mentoring/modules/role/check")
            #expect(blank.html.contains("Some questions are not answered"))

            let forged = try await browser.post("/programmes/peer-mentoring/modules/role/check", Answers.fields(assessment, right: true), csrf: "guessed")
            #expect(forged.status == .forbidden)
        }
    }

    @Test func aBrokenFileShowsTheMessagesValidateGivesInPlaceOfItsPage() async throws {
        let copy = try CurriculumCopy()
        try await preview(copy) { browser in
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role").status == .ok)
            try copy.edit(Self.unit, "<title>What peer mentoring is, and what it is not</title>", "<title>What peer mentoring is<title>")
            let expected = try CurriculumLoader().load(from: copy.url, displayRoot: ".").diagnostics.map(\.description)
            #expect(!expected.isEmpty)
            #expect(expected.allSatisfy { $0.range(of: #"^Curriculum/peer-mentoring/units/role\.xml:\d+:\d+: error: "#, options: .regularExpression) != nil })

            let broken = try await browser.get("/programmes/peer-mentoring/modules/role")
            #expect(broken.status == .unprocessableContent)
            #expect(broken.html.contains(Self.banner))
            for line in expected { #expect(broken.html.contains("<li><code>\(Self.escaped(line))</code></li>")) }

            // The index and the pages of other files go on working.
            let index = try await browser.get("/")
            #expect(index.status == .ok)
            #expect(index.html.contains(Self.escaped(expected[0])))
            #expect(index.html.contains(#"<a href="/programmes/peer-mentoring/modules/role">See the problems</a>"#))
            #expect(try await browser.get("/programmes/peer-mentoring/modules/listening").status == .ok)
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role/check").status == .ok)
        }
    }

    @Test func aCheckThatDoesNotLoadShowsItsProblemsAndItsUnitStillShows() async throws {
        let copy = try CurriculumCopy()
        try copy.edit("Assessments/peer-mentoring/role-check.xml", #"pass-mark="70""#, #"pass-mark="seventy""#)
        let expected = try CurriculumLoader().load(from: copy.url, displayRoot: ".").diagnostics.map(\.description)
        #expect(expected.contains { $0.hasPrefix("Assessments/peer-mentoring/role-check.xml:2:") })
        try await preview(copy) { browser in
            let check = try await browser.get("/programmes/peer-mentoring/modules/role/check")
            #expect(check.status == .unprocessableContent)
            for line in expected where line.hasPrefix("Assessments/peer-mentoring/role-check.xml") {
                #expect(check.html.contains(Self.escaped(line)))
            }
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role").status == .ok)
            #expect(try await browser.get("/").html.contains(#"<a href="/programmes/peer-mentoring/modules/role/check">See the problems</a>"#))
        }
    }

    @Test func aFolderTakenAwayWhileThePreviewRunsIsSaidPlainly() async throws {
        let copy = try CurriculumCopy()
        try await preview(copy) { browser in
            #expect(try await browser.get("/").status == .ok)
            try FileManager.default.removeItem(at: copy.url.appendingPathComponent("Curriculum"))
            let index = try await browser.get("/")
            #expect(index.html.contains("The folder cannot be read"))
            #expect(index.html.contains("has no Curriculum folder"))
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role").status == .unprocessableContent)
        }
    }

    @Test func aChangedFileShowsAtTheNextPageLoad() async throws {
        let copy = try CurriculumCopy()
        try await preview(copy) { browser in
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role").html.contains("<h1>What peer mentoring is, and what it is not</h1>"))
            try copy.edit(Self.unit, "<title>What peer mentoring is, and what it is not</title>", "<title>Peer mentoring, a new title</title>")
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role").html.contains("<h1>Peer mentoring, a new title</h1>"))
            try copy.edit("Assessments/peer-mentoring/role-check.xml", #"pass-mark="70""#, #"pass-mark="90""#)
            #expect(try await browser.get("/programmes/peer-mentoring/modules/role/check").html.contains("You pass with 90%."))
        }
    }

    @Test func nothingOutsideTheFolderIsServedByAPathOrALink() async throws {
        let copy = try CurriculumCopy()
        let outside = try copy.addPicturesFairAndFoul()
        defer { try? FileManager.default.removeItem(at: outside) }
        // A linked folder that leads out, as well as the linked file.
        try FileManager.default.createSymbolicLink(at: copy.url.appendingPathComponent("Assessments/peer-mentoring/media/away"), withDestinationURL: outside)

        try await preview(copy) { browser in
            #expect(try await browser.get("/media/peer-mentoring/media/door.png").status == .ok)
            for path in [
                "/media/peer-mentoring/media/secret.png", "/media/peer-mentoring/media/away/secret.png",
                "/media/peer-mentoring/../../../etc/passwd", "/media/peer-mentoring/%2e%2e/%2e%2e/Curriculum/peer-mentoring/programme.xml",
                "/media/peer-mentoring/..%2F..%2F..%2Fetc%2Fpasswd", "/media/no-such-programme/media/door.png",
                "/programmes/..%2F..%2Fetc/modules/passwd", "/static/..%2F..%2FPackage.swift",
            ] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(!page.html.contains("not for trainees"), "\(path)")
            }
            let pipe = try await within(.seconds(10)) { try await browser.get("/media/peer-mentoring/media/pipe.png") }
            #expect(pipe?.status == .notFound)
        }
    }

    @Test(arguments: [
        ("an entity that reads a file", #"<!DOCTYPE unit [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>"#),
        ("a billion laughs", "<!DOCTYPE unit [" + (1...9).map { #"<!ENTITY l\#($0) "\#(String(repeating: "&l\($0 - 1);", count: 10))">"# }.joined() + "]>"),
    ])
    func hostileXMLIsShownAsAProblemWithoutAHang(name: String, doctype: String) async throws {
        let copy = try CurriculumCopy()
        try copy.edit(Self.unit, #"<unit xmlns"#, doctype + "\n" + #"<unit xmlns"#)
        try copy.edit(Self.unit, "<title>What peer mentoring is, and what it is not</title>", "<title>&x;&l9;</title>")
        try await preview(copy) { browser in
            let page = try await within(.seconds(90)) { try await browser.get("/programmes/peer-mentoring/modules/role") }
            #expect(page?.status == .unprocessableContent, "\(name)")
            #expect(page?.html.contains("A &lt;!DOCTYPE&gt; is not allowed in Waymark files.") == true, "\(name)")
            #expect(page?.html.contains("root:x:0:0") == false)
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test func aNamedPipeOrALinkOutsideInTheFolderIsAProblemNotAHang() async throws {
        let copy = try CurriculumCopy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-outside-\(UUID().uuidString).xml")
        try FileManager.default.copyItem(at: copy.url.appendingPathComponent(Self.unit), to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.removeItem(at: copy.url.appendingPathComponent(Self.unit))
        try FileManager.default.createSymbolicLink(at: copy.url.appendingPathComponent(Self.unit), withDestinationURL: outside)
        #expect(mkfifo(copy.url.appendingPathComponent("Curriculum/peer-mentoring/units/pipe.xml").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            at: copy.url.appendingPathComponent("Curriculum/peer-mentoring/units/again"),
            withDestinationURL: copy.url.appendingPathComponent("Curriculum/peer-mentoring")
        )
        try await preview(copy) { browser in
            let index = try await within(.seconds(90)) { try await browser.get("/") }
            #expect(index?.status == .ok)
            #expect(index?.html.contains("Curriculum/peer-mentoring/units/pipe.xml:1:1: error: This is not an ordinary file (it is a named pipe)") == true)
            let unit = try await browser.get("/programmes/peer-mentoring/modules/role")
            #expect(unit.status == .unprocessableContent)
            #expect(unit.html.contains("\(Self.unit):1:1: error: This is a link to a file outside the curriculum folder, so it was not read."))
        }
    }

    // MARK: - Helpers

    /// Runs `body` against a preview of `copy`, each page rendered by swift-mustache too.
    private func preview(_ copy: CurriculumCopy, _ body: @Sendable (Browser) async throws -> Void) async throws {
        let check = RenderCheck()
        let preview = Preview(
            folder: PreviewFolder(directory: copy.url, displayRoot: "."),
            pages: try await Pages.load(check: check),
            logger: Logger(label: "test.preview")
        )
        let app = Application(router: try preview.router())
        try await app.test(.router) { client in try await body(Browser(client, renderCheck: check)) }
    }

    private static func assessment(_ id: String, in copy: CurriculumCopy) throws -> Assessment {
        let report = try CurriculumLoader().load(from: copy.url, displayRoot: ".")
        return try #require(report.curriculum.programme("peer-mentoring")?.assessments[id])
    }

    /// Module ids of the unit links under `prefix`, in the order the page has them.
    private static func links(in html: String, under prefix: String) -> [String] {
        let pattern = "href=\"\(prefix)([a-z0-9-]+)\">Read the unit"
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
