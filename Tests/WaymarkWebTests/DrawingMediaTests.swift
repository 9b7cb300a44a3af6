import Foundation
import HTTPTypes
import Testing
import WaymarkCurriculum

@testable import WaymarkWeb

/// An SVG drawing in a question is served as a picture under a policy that runs nothing, and is
/// shown only through `<img>`, where browsers never run a drawing's scripts.
@Suite struct DrawingMediaTests {
    static let hostile = """
        <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">
          <script>alert(document.cookie)</script>
          <rect width="10" height="10" fill="#036"/>
        </svg>
        """

    @Test func aDrawingIsServedWithAPolicyThatRunsNothing() async throws {
        let copy = try CurriculumCopy()
        let media = copy.url.appendingPathComponent("Assessments/peer-mentoring/media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try Data(Self.hostile.utf8).write(to: media.appendingPathComponent("sign.svg"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: media.appendingPathComponent("door.png"))

        let app = try await WebTestApp(curriculumDirectory: copy.url)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let drawing = try await browser.get("/media/peer-mentoring/media/sign.svg")
            #expect(drawing.status == .ok)
            #expect(drawing.headers[.contentType] == "image/svg+xml")
            #expect(drawing.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox")
            #expect(drawing.headers[.xContentTypeOptions] == "nosniff")
            #expect(drawing.html == Self.hostile)
            // A photo keeps the site's own policy.
            let photo = try await browser.get("/media/peer-mentoring/media/door.png")
            #expect(photo.headers[.contentType] == "image/png")
            #expect(photo.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self';") == true)
            #expect(try await browser.get("/media/peer-mentoring/media/sign.bmp").status == .notFound)
            try await browser.post("/logout")
            #expect(try await browser.get("/media/peer-mentoring/media/sign.svg").location?.hasPrefix("/login") == true)
        }
    }

    @Test func aDrawingInAQuestionIsShownOnlyThroughAnImageElement() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let programme = try #require(try CurriculumLoader().load(from: root, displayRoot: ".").curriculum.programme("peer-mentoring"))
        let module = try #require(programme.modules.first)
        let assessment = Assessment(
            id: "check", title: "Check", passMark: 70, maximumAttempts: nil, coolDownHours: nil, introduction: [],
            questions: [
                Question(
                    id: "sign", points: 1, tags: [], prompt: [.text("What does it mean? "), .image(src: "media/check/sign.svg", alt: "A green sign")],
                    kind: .trueFalse(answer: true), feedback: []
                )
            ],
            sourcePath: "check.xml"
        )
        let model = AssessmentModel(assessment: assessment, module: module, availability: .available, media: "/media/peer-mentoring/", dates: WebDates())
        #expect(model.questions[0].promptHTML.contains(#"<img src="/media/peer-mentoring/media/check/sign.svg" alt="A green sign">"#))
        #expect(!model.questions[0].promptHTML.contains("<svg"))
        #expect(!model.questions[0].promptHTML.contains("<object"))
    }
}
