import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress

/// QTI items with several inline blanks, and gap matches, come in as blanks questions.
@Suite struct QTIBlanksTests {
    @Test func severalInlineBlanksBecomeOneBlanksQuestion() throws {
        let outcome = QuestionBankImport.qti([qtiSample("v2p1/several-blanks.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.points == 3)
        guard case .blanks(let text, let blanks) = question.kind else {
            Issue.record("expected blanks, got \(question.kind.typeName)")
            return
        }
        #expect(text == [.words([.text("Meet in a ")]), .blank(1), .words([.text(" place, tell your ")]), .blank(2), .words([.text(", within ")]), .blank(3), .words([.text(" hours.")])])
        #expect(
            blanks.map(\.answer) == [
                .choose([BlankOption(text: "public", isCorrect: true, weight: nil, feedback: nil), BlankOption(text: "private", isCorrect: false, weight: nil, feedback: nil)]),
                .typed([AcceptedAnswer(text: "supervisor", weight: 100, feedback: nil), AcceptedAnswer(text: "safeguarding lead", weight: 50, feedback: nil)], caseSensitive: true),
                .number([NumericAnswer(value: 24, tolerance: 0, weight: 100, feedback: nil)]),
            ]
        )
        let item = try #require(outcome.report.items.first)
        #expect(item.waymarkType == "blanks")
        #expect(item.messages == ["The item's own response processing was not read: Waymark marks each blank by its response declaration (correct response or mapping), one mark a blank."])
        #expect(score(question, .blanks(["1": "public", "2": "safeguarding lead", "3": "24"])) == (2.5, 83.333, .partial))
    }

    @Test(arguments: ["v2p1/gap-match.xml", "v3p0/gap-match.xml"])
    func aGapMatchBecomesAListPerGap(path: String) throws {
        let outcome = QuestionBankImport.qti([qtiSample(path)], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        guard case .blanks(let text, let blanks) = question.kind else {
            Issue.record("expected blanks, got \(question.kind.typeName)")
            return
        }
        #expect(outcome.report.items.first?.type == "gapMatchInteraction")
        #expect(outcome.report.items.first?.messages == [])
        if path.hasPrefix("v3p0") {
            #expect(question.prompt == [.text("Drag the words into the gaps.")])
            #expect(text.blankNumbers == [1, 2])
            #expect(blanks.map(\.answer) == ["listen", "ask"].map { right in .choose(["listen", "ask", "tell"].map { BlankOption(text: $0, isCorrect: $0 == right, weight: nil, feedback: nil) }) })
        } else {
            #expect(text == [.words([.text("A good mentor ")]), .blank(1), .words([.text(" more than they speak.")])])
            #expect(blanks.map(\.answer) == [.choose([BlankOption(text: "listens", isCorrect: true, weight: nil, feedback: nil), BlankOption(text: "talks", isCorrect: false, weight: nil, feedback: nil)])])
        }
    }
}
