import Foundation
import Testing
import WaymarkCurriculum

@testable import WaymarkWeb

/// A picture in a question's text (as Moodle and QTI banks put them) is shown as a picture, not
/// as its alt text in brackets.
@Suite struct QuestionPictureTests {
    @Test func picturesInPromptsTermsAndItemsAreShown() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let programme = try #require(try CurriculumLoader().load(from: root, displayRoot: ".").curriculum.programme("peer-mentoring"))
        let module = try #require(programme.modules.first)
        let door = Inline.image(src: "media/check/door.png", alt: "An open door")
        let assessment = Assessment(
            id: "check", title: "Check", passMark: 70, maximumAttempts: nil, coolDownHours: nil, introduction: [],
            questions: [
                Question(id: "look", points: 1, tags: [], prompt: [.text("What is this? "), door], kind: .trueFalse(answer: true), feedback: []),
                Question(
                    id: "pairs", points: 1, tags: [], prompt: [.text("Match.")],
                    kind: .matching([MatchPair(id: "d", term: [door], match: "Door"), MatchPair(id: "k", term: [.text("Key")], match: "Key")], distractors: []),
                    feedback: []
                ),
                Question(
                    id: "steps", points: 1, tags: [], prompt: [.text("Order.")],
                    kind: .ordering([OrderItem(id: "a", text: [door]), OrderItem(id: "b", text: [.text("Walk in")])]), feedback: []
                ),
            ],
            sourcePath: "check.xml"
        )
        let model = AssessmentModel(assessment: assessment, module: module, availability: .available, media: "/media/peer-mentoring/", dates: WebDates())
        let picture = #"<img src="/media/peer-mentoring/media/check/door.png" alt="An open door">"#
        #expect(model.questions[0].promptHTML.contains(picture))
        #expect(model.questions[1].rows.contains { $0.label.contains(picture) })
        #expect(model.questions[2].rows.contains { $0.label.contains(picture) })
        #expect(!model.questions.map(\.promptHTML).joined().contains("[An open door]"))
    }
}
