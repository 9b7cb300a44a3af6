import Foundation
import Testing
import WaymarkCurriculum
import WaymarkStore

@testable import WaymarkWeb

#if canImport(Glibc)
import Glibc
#endif

/// A copy of the bundled curriculum in a temporary folder, to change on purpose.
final class CurriculumCopy: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-curriculum-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for folder in ["Curriculum", "Assessments"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder), to: url.appendingPathComponent(folder))
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Pictures under `Assessments/peer-mentoring/media/`: `door.png`, an ordinary picture;
    /// `secret.png`, a link to a file outside the folder; and `pipe.png`, a named pipe. Returns
    /// the outside folder the link leads to, for the caller to remove.
    func addPicturesFairAndFoul() throws -> URL {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let media = url.appendingPathComponent("Assessments/peer-mentoring/media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: media.appendingPathComponent("door.png"))
        try Data("not for trainees".utf8).write(to: outside.appendingPathComponent("secret.png"))
        try FileManager.default.createSymbolicLink(at: media.appendingPathComponent("secret.png"), withDestinationURL: outside.appendingPathComponent("secret.png"))
        #expect(mkfifo(media.appendingPathComponent("pipe.png").path, 0o644) == 0)
        return outside
    }

    func edit(_ path: String, _ old: String, _ new: String) throws {
        let file = url.appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "test setup: \(path) has no \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }
}

@Suite struct PageTests {
    static let script = "<script>alert(1)</script>"
    static let attribute = "\"><img src=x onerror=alert(1)>"

    @Test func hostileTextIsEscapedEverywhereItAppears() async throws {
        let copy = try CurriculumCopy()
        // A trainer's title with markup in it (written escaped in XML, so it is text).
        try copy.edit(
            "Curriculum/peer-mentoring/units/role.xml",
            "<title>What peer mentoring is, and what it is not</title>",
            "<title>Role &lt;script&gt;alert(1)&lt;/script&gt;</title>"
        )
        let app = try await WebTestApp(curriculumDirectory: copy.url)
        try await app.addPeople(traineeName: "Eve \(Self.script)\(Self.attribute)")
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/reflections/why-mentor")
            let reflection = "\(Self.attribute) \(Self.script) " + String(repeating: "word ", count: 40)
            try await browser.post("/reflections/why-mentor", [("text", reflection), ("action", "submit")])
            var pages = [
                try await browser.get("/dashboard"), try await browser.get("/modules/role"), try await browser.get("/reflections/why-mentor"),
            ]
            try await browser.post("/logout")
            try await browser.signIn("coordinator@example.org")
            pages += [
                try await browser.get("/cohort"), try await browser.get("/trainees/\(traineeID)"), try await browser.get("/reviews"),
                try await browser.get("/trainees/\(traineeID)/reflections/why-mentor"),
            ]
            try await browser.post("/logout")
            try await browser.signIn("admin@example.org")
            pages.append(try await browser.get("/people"))
            for page in pages {
                #expect(page.status == .ok)
                #expect(!page.html.contains(Self.script))
                #expect(!page.html.contains("<img src=x"))
            }
            #expect(pages[0].html.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(pages[1].html.contains("<h1>Role &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
            #expect(pages[2].html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(pages[6].html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func aReloadWithABrokenCurriculumKeepsTheOldOneAndShowsWhy() async throws {
        let copy = try CurriculumCopy()
        let app = try await WebTestApp(curriculumDirectory: copy.url)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/curriculum")
            try FileManager.default.removeItem(at: copy.url.appendingPathComponent("Curriculum/peer-mentoring/units/bridge.xml"))
            try copy.edit("Curriculum/peer-mentoring/programme.xml", #"version="2026.1""#, #"version="2026.2""#)
            let refused = try await browser.post("/curriculum/reload")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("The new curriculum was not loaded"))
            #expect(
                refused.html.contains(
                    "Curriculum/peer-mentoring/programme.xml:22:25: error: The unit file &#39;units/bridge.xml&#39; does not exist."
                )
                    || refused.html.contains(
                        "Curriculum/peer-mentoring/programme.xml:22:25: error: The unit file &apos;units/bridge.xml&apos; does not exist."
                    )
            )
            #expect(app.web.curriculum.current.programme("peer-mentoring")?.version == "2026.1")
            #expect(try await browser.get("/curriculum").html.contains("<td>2026.1</td>"))

            // Mended, it loads.
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Curriculum/peer-mentoring/units/bridge.xml"),
                to: copy.url.appendingPathComponent("Curriculum/peer-mentoring/units/bridge.xml")
            )
            #expect(try await browser.post("/curriculum/reload").location == "/curriculum?notice=reloaded")
            #expect(app.web.curriculum.current.programme("peer-mentoring")?.version == "2026.2")
        }
    }

    @Test func pagesAreLightHaveOneHeadingAndLabelEveryControl() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        // The checks below open after recruitment and the modules before them.
        try await app.recordProgress(finishing: ["role", "listening", "small-steps"])
        try await app.test { browser in
            let css = try await browser.get("/static/waymark.css")
            try await browser.signIn("trainee@example.org")
            var pages: [String: Browser.Page] = [:]
            for path in [
                "/dashboard", "/modules/role", "/modules/role/check", "/reflections", "/reflections/why-mentor", "/practice", "/certificate",
            ] {
                pages[path] = try await browser.get(path)
            }
            for (path, page) in pages {
                #expect(page.status == .ok, "\(path)")
                #expect(page.html.utf8.count + css.html.utf8.count < 30_000, "\(path) weighs \(page.html.utf8.count + css.html.utf8.count) bytes")
                #expect(page.html.components(separatedBy: "<h1").count == 2, "\(path) needs exactly one h1")
                #expect(page.html.contains("<main id=\"main\""), "\(path)")
                #expect(page.html.contains("href=\"#main\">Skip to main content"), "\(path)")
                #expect(!page.html.contains("<script"), "\(path)")
                // Every visible input, select and textarea has a label pointing at its id.
                let ids = page.html.matches(of: /<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/).map { String($0.1) }
                for id in ids { #expect(page.html.contains("for=\"\(id)\""), "\(path): no label for \(id)") }
            }
            // Every question type of the bundled assessments renders as a plain control.
            let check = try await browser.get("/modules/lapses/check")
            #expect(check.html.contains("type=\"radio\""))
            #expect(check.html.contains("type=\"text\""))
            let all = try await browser.get("/modules/small-steps/check").html + check.html + (try await browser.get("/modules/listening/check")).html
            #expect(all.contains("type=\"checkbox\""))
            #expect(all.contains("<select"))
            #expect(all.contains("inputmode=\"decimal\""))
        }
    }
}
