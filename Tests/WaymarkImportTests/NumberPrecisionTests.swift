import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

@testable import WaymarkImport

/// Numbers reach the written assessment exactly as the source gave them, and score as written.
@Suite struct NumberPrecisionTests {
    @Test(arguments: [
        (3.141592653589793, "3.141592653589793"), (1e-9, "0.000000001"), (4e-8, "0.00000004"), (33.33333, "33.33333"),
        (-0.5, "-0.5"), (50, "50"), (0.1, "0.1"), (1.5e20, "150000000000000000000"), (-2.5e-12, "-0.0000000000025"), (0, "0"),
    ])
    func aNumberIsWrittenInFullWithoutAnExponent(value: Double, written: String) {
        #expect(AssessmentWriter.number(value) == written)
        #expect(Double(AssessmentWriter.number(value)) == value)
    }

    @Test func everyDigitSurvivesImportWriteLoadAndScore() throws {
        let bank = """
            <?xml version="1.0" encoding="UTF-8"?>
            <quiz>
              <question type="numerical">
                <name><text>Pi</text></name>
                <questiontext format="html"><text>Give pi to fifteen places.</text></questiontext>
                <answer fraction="100"><text>3.141592653589793</text><tolerance>1e-9</tolerance></answer>
                <answer fraction="50"><text>3.14159</text><tolerance>0.00001</tolerance></answer>
              </question>
            </quiz>
            """
        let folder = try TemporaryFolder()
        try folder.write("bank.xml", bank)
        let outcome = QuestionBankImport.moodle([ImportInput(url: folder.url.appendingPathComponent("bank.xml"), displayPath: "bank.xml")], options: options())
        try expectValid(outcome)
        let xml = String(decoding: try #require(outcome.xml), as: UTF8.self)
        #expect(xml.contains(#"<answer value="3.141592653589793" tolerance="0.000000001"/>"#))
        // Read back by the loader from the written bytes, as `waymark serve` would.
        let question = try onlyQuestion(outcome)
        guard case .numerical(let answers, _) = question.kind else {
            Issue.record("expected numerical")
            return
        }
        #expect(answers.map(\.value) == [3.141592653589793, 3.14159])
        #expect(answers.map(\.tolerance) == [1e-9, 0.00001])
        #expect(score(question, .number(3.141592653589793)).outcome == .correct)
        #expect(score(question, .number(3.1415926544)).outcome == .correct)
        // 2.4e-9 away: outside a tolerance of 1e-9, though within 5e-8 of the rounded 3.1415927.
        #expect(score(question, .number(3.141592656)).outcome == .partial)
        #expect(score(question, .number(3.1415927)).outcome == .partial)
    }
}
