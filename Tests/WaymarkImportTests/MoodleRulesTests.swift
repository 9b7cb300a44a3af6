import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress

/// Moodle rules the fixtures do not show, on a small bank written for this test.
@Suite struct MoodleRulesTests {
    static let bank = """
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="category"><category><text>$course$/top/Week 2/Safety &amp; trust</text></category></question>
          <question type="shortanswer">
            <name><text>Capital</text></name>
            <questiontext format="html"><text><![CDATA[<p>Name the <em>capital</em> of France.</p>]]></text></questiontext>
            <usecase>1</usecase>
            <answer fraction="100"><text>Paris</text><feedback><text>Yes.</text></feedback></answer>
            <answer fraction="50"><text>Par*</text><feedback><text>Nearly.</text></feedback></answer>
          </question>
          <question type="numerical">
            <name><text>Distance</text></name>
            <questiontext format="html"><text>How far, in km?</text></questiontext>
            <defaultgrade>2</defaultgrade>
            <answer fraction="100"><text>10</text><tolerance>0.5</tolerance></answer>
            <answer fraction="50"><text>10</text><tolerance>2</tolerance><feedback><text>Close.</text></feedback></answer>
            <answer fraction="0"><text>*</text></answer>
            <units><unit><multiplier>1</multiplier><unit_name>km</unit_name></unit></units>
          </question>
          <question type="multianswer">
            <name><text>Cloze one</text></name>
            <questiontext format="html"><text>{1:SHORTANSWER:=cat}</text></questiontext>
          </question>
          <question type="multichoice">
            <name><text>Only one right</text></name>
            <questiontext format="html"><text>Pick.</text></questiontext>
            <single>true</single>
            <answer fraction="100"><text>A</text></answer>
            <answer fraction="33.33333"><text>B</text></answer>
            <answer fraction="0"><text>C</text></answer>
          </question>
        </quiz>
        """

    func importBank() throws -> ImportOutcome {
        let folder = try TemporaryFolder()
        try folder.write("bank.xml", Self.bank)
        return QuestionBankImport.moodle(
            [ImportInput(url: folder.url.appendingPathComponent("bank.xml"), displayPath: "bank.xml")],
            options: options()
        )
    }

    @Test func caseRuleWildcardUnitsSeveralAnswersAndTags() throws {
        let outcome = try importBank()
        try expectValid(outcome)
        let questions = try #require(outcome.assessment?.questions)
        #expect(questions.map(\.id) == ["capital", "distance", "cloze-one", "only-one-right"])
        #expect(questions.map(\.tags) == Array(repeating: ["week-2", "safety-trust"], count: 4))
        #expect(questions[0].prompt == [.text("Name the "), .emphasis([.text("capital")]), .text(" of France.")])
        #expect(score(questions[0], .text("Paris")) == (1, 100, .correct))
        #expect(score(questions[0], .text("Parisian")) == (0.5, 50, .partial))
        #expect(score(questions[0], .text("paris")) == (0, 0, .incorrect))  // usecase=1: case matters
        #expect(questions[1].points == 2)
        #expect(
            questions[1].kind
                == .numerical(
                    [
                        NumericAnswer(value: 10, tolerance: 0.5, weight: 100, feedback: nil),
                        NumericAnswer(value: 10, tolerance: 2, weight: 50, feedback: "Close."),
                    ],
                    unit: "km"
                )
        )
        #expect(score(questions[1], .number(10.4)) == (2, 100, .correct))
        #expect(score(questions[1], .number(11.5)) == (1, 50, .partial))
        #expect(score(questions[1], .number(13)) == (0, 0, .incorrect))
        // A single-answer question may give part marks for a second-best choice, as Moodle does.
        #expect(score(questions[3], .choice("a")) == (1, 100, .correct))
        #expect(abs(score(questions[3], .choice("b")).percent - 33.333) < 0.001)
    }

    @Test func reportsClozeAsABlanksQuestionAndTheRestWithWhatWasNotKept() throws {
        let outcome = try importBank()
        #expect(outcome.report.items.map(\.place) == ["bank.xml:4", "bank.xml:11", "bank.xml:20", "bank.xml:24"])
        #expect(outcome.report.items.map(\.status) == [.imported, .importedWithWarnings, .imported, .imported])
        #expect(outcome.report.items[1].messages == ["The \"any other answer\" (*) was not kept: Waymark gives no marks for other numbers."])
        #expect(outcome.report.items[2].name == "Cloze one")
        #expect(outcome.report.items[2].waymarkType == "blanks")
        #expect(outcome.report.exitStatus == 0)
    }
}
