import Foundation
import Testing
import WaymarkCurriculum

/// The `<image>` inline (added for imported question banks) and terms that share a match.
@Suite struct ImageAndMatchTests {
    static let pictureQuestion = """
          <single-choice id="flag">
            <prompt>Which flag is this? <image src="media/a-check/flag-fr.jpg" alt="A blue, white and red flag"/></prompt>
            <choice id="a" correct="true"><image src="media/a-check/fr.png" alt="France"/> French</choice>
            <choice id="b">German</choice>
          </single-choice>
        """

    @Test func readsAnImageIntoThePromptAndAChoice() throws {
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: Self.pictureQuestion)))
        let report = try folder.load()
        #expect(report.diagnostics.map(\.description) == [])
        let question = try #require(report.curriculum.programmes.first?.assessments["a-check"]?.questions.first)
        #expect(question.prompt == [.text("Which flag is this? "), .image(src: "media/a-check/flag-fr.jpg", alt: "A blue, white and red flag")])
        guard case .singleChoice(let choices, _) = question.kind else {
            Issue.record("not a single choice")
            return
        }
        #expect(choices[0].text == [.image(src: "media/a-check/fr.png", alt: "France"), .text(" French")])
        #expect(choices[0].text.plainText == "France French")
    }

    @Test(arguments: [
        #"<image src="../../etc/passwd.jpg" alt="x"/>"#,
        #"<image src="https://example.org/x.jpg" alt="x"/>"#,
        #"<image src="/abs/x.jpg" alt="x"/>"#,
        #"<image src="media/x.jpg"/>"#,
    ])
    func refusesAnImageOutsideTheFolderOrWithoutAlt(image: String) throws {
        let question = """
              <true-false id="q1" answer="true"><prompt>Look: \(image)</prompt></true-false>
            """
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: question)))
        #expect(!(try folder.load().isValid))
    }

    @Test func letsTwoTermsShareAMatchButNotADistractor() throws {
        let matching = """
              <matching id="animals">
                <prompt>Classify the animals.</prompt>
                <pair id="frog"><term>frog</term><match>amphibian</match></pair>
                <pair id="newt"><term>newt</term><match>amphibian</match></pair>
                <pair id="cat"><term>cat</term><match>mammal</match></pair>
                <distractor>insect</distractor>
              </matching>
            """
        let folder = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: matching)))
        #expect(try folder.lines() == [])
        let clash = matching.replacingOccurrences(of: "<distractor>insect", with: "<distractor>Mammal")
        let broken = try TemporaryCurriculum(Tiny.files(assessment: Tiny.assessment("a-check", questions: clash)))
        let lines = try broken.lines()
        #expect(lines == ["Assessments/p/a-check.xml:9:5: error: This distractor is the same as a real match."], "\(lines)")
    }

    @Test func checksOneAssessmentDocumentWithoutAFolder() throws {
        let good = Tiny.assessment("a-check", questions: Self.pictureQuestion)
        let checked = CurriculumLoader().checkAssessment(Array(good.utf8), displayPath: "a-check.xml")
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.assessment?.questions.map(\.id) == ["flag"])
        let noAnswer = good.replacingOccurrences(of: #" correct="true""#, with: "")
        let refused = CurriculumLoader().checkAssessment(Array(noAnswer.utf8), displayPath: "a-check.xml")
        #expect(
            refused.diagnostics.map(\.description) == [
                "a-check.xml:4:3: error: This question has no correct answer. Mark one choice with correct=\"true\"."
            ]
        )
    }
}
