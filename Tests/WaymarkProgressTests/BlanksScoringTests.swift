import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// A blanks question is marked blank by blank: weights, the case rule, `*`, a number's tolerance
/// (read as the numerical question reads it), a list; the question's share is the blanks' mean,
/// weighted by their marks.
@Suite struct BlanksScoringTests {
    static let question = Question(
        id: "gaps",
        points: 4,
        tags: [],
        prompt: [.text("Fill in the gaps.")],
        kind: .blanks(
            text: [.words([.text("Call ")]), .blank(1), .words([.text(" first, the ")]), .blank(2), .words([.text(" day, at your ")]), .blank(3)],
            blanks: [
                Blank(number: 1, marks: 1, answer: .number([NumericAnswer(value: 999, tolerance: 0, weight: 100, feedback: "Yes."), NumericAnswer(value: 2.5, tolerance: 0.1, weight: 50, feedback: nil)])),
                Blank(
                    number: 2,
                    marks: 2,
                    answer: .choose([
                        BlankOption(text: "same", isCorrect: true, weight: nil, feedback: "Right."),
                        BlankOption(text: "next", isCorrect: false, weight: nil, feedback: "Too late."),
                        BlankOption(text: "first working", isCorrect: false, weight: 50, feedback: nil),
                    ])
                ),
                Blank(
                    number: 3,
                    marks: 1,
                    answer: .typed([AcceptedAnswer(text: "Project", weight: 100, feedback: nil), AcceptedAnswer(text: "off*", weight: 50, feedback: "Nearly.")], caseSensitive: true)
                ),
            ]
        ),
        feedback: [Feedback(condition: .partial, text: [.text("Some of them.")])]
    )

    func score(_ given: [String: String]) -> QuestionResult {
        Scoring.score(Self.question, answer: .blanks(given))
    }

    @Test func everyBlankRightIsFullMarks() {
        let result = score(["1": "999", "2": "same", "3": "Project"])
        #expect(result.outcome == .correct)
        #expect(result.earned == 4)
        #expect(result.blanks.map(\.outcome) == [.correct, .correct, .correct])
        #expect(result.blanks.map(\.feedback) == ["Yes.", "Right.", nil])
        #expect(result.questionFeedback == [])
    }

    @Test func theShareIsTheMeanWeightedByMarks() {
        // Blank 2 counts twice: 1 + 0 + 1 of 4 marks.
        let result = score(["1": "999", "2": "next", "3": "Project"])
        #expect(result.outcome == .partial)
        #expect(result.earned == 2)
        #expect(result.blanks.map(\.percent) == [100, 0, 100])
        #expect(result.blanks[1].feedback == "Too late.")
        #expect(result.questionFeedback == [Feedback(condition: .partial, text: [.text("Some of them.")])])
    }

    @Test func weightsCaseWildcardsAndTolerance() {
        #expect(score(["3": "project"]).blanks[2].percent == 0)  // case matters here
        #expect(score(["3": "Office"]).blanks[2].percent == 0)
        #expect(score(["3": "office"]).blanks[2] == BlankResult(number: 3, given: "office", percent: 50, outcome: .partial, feedback: "Nearly."))
        #expect(score(["1": "2,45"]).blanks[0].percent == 50)  // a decimal comma, within 0.1 of 2.5
        #expect(score(["1": " 999 "]).blanks[0].percent == 100)
        #expect(score(["1": "998"]).blanks[0].percent == 0)
        #expect(score(["1": "nine"]).blanks[0].percent == 0)
        #expect(score(["2": "first working"]).blanks[1].percent == 50)
        #expect(score(["2": "not an option"]).blanks[1].percent == 0)
    }

    @Test func anEmptyBlankEarnsNothingAndSaysSo() {
        let result = score(["1": "999", "2": "  "])
        #expect(result.blanks[1] == BlankResult(number: 2, given: nil, percent: 0, outcome: .incorrect, feedback: nil))
        #expect(result.blanks[2].given == nil)
        #expect(result.earned == 1)
        #expect(Scoring.score(Self.question, answer: nil).earned == 0)
        #expect(Scoring.score(Self.question, answer: .text("999")).outcome == .incorrect)
    }

    @Test func typedNumbersReadTheSameForBothQuestionTypes() {
        #expect(TypedNumber.parse("2,5") == 2.5)
        #expect(TypedNumber.parse(" -3 ") == -3)
        #expect(TypedNumber.parse("") == nil)
        #expect(TypedNumber.parse("inf") == nil)
        #expect(TypedNumber.parse("12 weeks") == nil)
    }

    @Test func theAnswerIsKeptInTheAttemptAsItWasSent() throws {
        let assessment = Assessment(
            id: "a", title: "A", passMark: 50, maximumAttempts: nil, coolDownHours: nil, introduction: [], questions: [Self.question], sourcePath: "a.xml"
        )
        let (record, _) = Scoring.attempt(assessment, moduleID: "m", answers: ["gaps": .blanks(["1": "999", "2": "same"])])
        #expect(record.percent == 75)
        let encoded = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(AttemptRecord.self, from: encoded) == record)
    }
}
