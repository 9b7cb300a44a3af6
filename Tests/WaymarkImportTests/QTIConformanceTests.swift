import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress
import WaymarkTestSupport

/// QTI items from the specifications' own examples (from `WAYMARK_FIXTURES`), imported and scored as QTI scores them.
@Suite(.enabled(if: ConformanceFiles.requested, Comment(rawValue: ConformanceFiles.skipReason)))
struct QTIConformanceTests {
    @Test func singleChoiceWithMatchCorrect() throws {
        let outcome = QuestionBankImport.qti([try qtiFixture("v2p1/choice.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.id == "choice")
        #expect(question.points == 1)
        #expect(question.prompt.plainText == "Look at the text in the picture. [Picture: NEVER LEAVE LUGGAGE UNATTENDED] What does it say?")
        guard case .singleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(!shuffle)
        #expect(choices.map(\.id) == ["choice-a", "choice-b", "choice-c"])
        #expect(choices.filter(\.isCorrect).map(\.id) == ["choice-a"])
        #expect(score(question, .choice("choice-a")) == (1, 100, .correct))
        #expect(score(question, .choice("choice-b")) == (0, 0, .incorrect))
        // The package has no images/sign.png beside the item: the report says so.
        #expect(
            outcome.report.items[0].messages == [
                "The image images/sign.png was not found, so only its alt text \"NEVER LEAVE LUGGAGE UNATTENDED\" was kept."
            ]
        )
        #expect(outcome.report.items[0].place == "qti/v2p1/choice.xml:22")
    }

    @Test(arguments: ["v2p1/choice_multiple.xml", "v3p0/choice_multiple.xml"])
    func multipleChoiceMapResponseScoresAsTheSourceDoes(file: String) throws {
        let outcome = QuestionBankImport.qti([try qtiFixture(file)], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.id == "choice-multiple")
        #expect(question.points == 2)
        guard case .multipleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected multiple-choice, got \(question.kind.typeName)")
            return
        }
        #expect(shuffle)
        #expect(choices.map(\.id) == ["h", "he", "c", "o", "n", "cl"])
        #expect(choices.map(\.weight) == [50, -100, -100, 50, -100, -50])
        #expect(choices.filter(\.isCorrect).map(\.id) == ["h", "o"])
        let mapping = ["h": 1.0, "o": 1, "cl": -1]
        let responses: [Set<String>] = [["h", "o"], ["h"], ["o"], ["h", "o", "cl"], ["h", "cl"], ["h", "he"], ["cl"], ["h", "o", "n"]]
        for response in responses {
            let expected = qtiMapResponse(response, mapping: mapping, default: -2, lower: 0, upper: 2)
            let earned = Scoring.score(question, answer: .choices(response.sorted())).earned
            #expect(abs(earned - expected) < 1e-9, "\(response.sorted()): Waymark \(earned), QTI \(expected)")
        }
        #expect(score(question, .choices(["h", "o"])) == (2, 100, .correct))
        #expect(score(question, .choices(["h"])) == (1, 50, .partial))
        #expect(outcome.report.items.map(\.status) == [.imported])
    }

    @Test func textEntryMapResponseGivesYorkFullAndLowerCaseYorkHalf() throws {
        let outcome = QuestionBankImport.qti([try qtiFixture("v2p1/text_entry.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(
            question.kind
                == .shortAnswer(
                    [AcceptedAnswer(text: "York", weight: 100, feedback: nil), AcceptedAnswer(text: "york", weight: 50, feedback: nil)],
                    caseSensitive: true
                )
        )
        #expect(question.prompt.plainText.contains("made glorious summer by this sun of ____; And all the clouds".capitalizedFirst))
        #expect(score(question, .text("York")) == (1, 100, .correct))
        #expect(score(question, .text("york")) == (0.5, 50, .partial))
        #expect(score(question, .text("YORK")) == (0, 0, .incorrect))
        #expect(score(question, .text("Lancaster")) == (0, 0, .incorrect))
    }

    @Test func extendedTextBecomesAReflection() throws {
        let outcome = QuestionBankImport.qti([try qtiFixture("v2p1/extended_text.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.kind == .reflection(guidance: [], minimumWords: nil))
        #expect(question.prompt.plainText.hasPrefix("Read this postcard from your English pen-friend, Sam. Here is a postcard of my town."))
        #expect(question.prompt.plainText.hasSuffix("Write Sam a postcard. Answer the questions. Write 25-35 words."))
        #expect(Scoring.score(question, answer: .reflection("Dear Sam")).outcome == .notScored)
        #expect(
            outcome.report.items[0].messages == [
                "The <object> images/postcard.png was dropped, keeping the text inside it.",
                "HTML Waymark does not keep was dropped, keeping its text: <div>, <blockquote>.",
            ]
        )
    }

    @Test func matchKeepsEveryPairAndSaysTheWeightsDiffer() throws {
        let outcome = QuestionBankImport.qti([try qtiFixture("v2p1/match.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.points == 3)
        #expect(
            question.kind
                == .matching(
                    [
                        MatchPair(id: "c", term: [.text("Capulet")], match: "Romeo and Juliet"),
                        MatchPair(id: "d", term: [.text("Demetrius")], match: "A Midsummer-Night's Dream"),
                        MatchPair(id: "l", term: [.text("Lysander")], match: "A Midsummer-Night's Dream"),
                        MatchPair(id: "p", term: [.text("Prospero")], match: "The Tempest"),
                    ],
                    distractors: []
                )
        )
        let right = ["c": "Romeo and Juliet", "d": "A Midsummer-Night's Dream", "l": "A Midsummer-Night's Dream", "p": "The Tempest"]
        // Full marks as in the source (1 + 0.5 + 0.5 + 1 = 3).
        #expect(score(question, .matches(right)) == (3, 100, .correct))
        // Partial answers differ (Waymark: an equal share per pair), and the report says so.
        #expect(outcome.report.items[0].status == .importedWithWarnings)
        #expect(
            outcome.report.items[0].messages.first?.hasPrefix("Pairs were worth different marks in the source (Capulet – Romeo and Juliet: 1;")
                == true
        )
    }

    @Test func orderKeepsTheCorrectOrder() throws {
        let outcome = QuestionBankImport.qti([try qtiFixture("v2p1/order.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(
            question.kind
                == .ordering([
                    OrderItem(id: "driver-c", text: [.text("Michael Schumacher")]),
                    OrderItem(id: "driver-a", text: [.text("Rubens Barrichello")]),
                    OrderItem(id: "driver-b", text: [.text("Jenson Button")]),
                ])
        )
        #expect(score(question, .order(["driver-c", "driver-a", "driver-b"])) == (1, 100, .correct))
        #expect(
            outcome.report.items[0].messages == [
                "The source gives the mark only for the whole order (match_correct); Waymark gives a share for each item in its place."
            ]
        )
    }

    @Test func inlineChoiceBecomesASingleChoiceWithABlank() throws {
        let outcome = QuestionBankImport.qti([try qtiFixture("v2p1/inline_choice.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.prompt.plainText.contains("Made glorious summer by this sun of ____; And all the clouds"))
        guard case .singleChoice(let choices, _) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(choices.map(\.text.plainText) == ["Gloucester", "Lancaster", "York"])
        #expect(score(question, .choice("y")) == (1, 100, .correct))
        #expect(score(question, .choice("g")) == (0, 0, .incorrect))
    }

    @Test func aFolderImportsEveryItemWithUniqueIdsTheSameWayTwice() throws {
        let folder = ImportInput(url: try ConformanceFiles.url("qti"), displayPath: "qti")
        let first = QuestionBankImport.qti([folder], options: options("qti-bank"))
        try expectValid(first)
        #expect(
            first.report.items.map(\.place) == [
                "qti/v2p1/choice.xml:22", "qti/v2p1/choice_multiple.xml:19", "qti/v2p1/extended_text.xml:20", "qti/v2p1/inline_choice.xml:16",
                "qti/v2p1/match.xml:22", "qti/v2p1/order.xml:15", "qti/v2p1/text_entry.xml:20", "qti/v3p0/choice_multiple.xml:18",
            ]
        )
        #expect(
            first.assessment?.questions.map(\.id) == [
                "choice", "choice-multiple", "extended-text", "inline-choice", "match", "order", "text-entry", "choice-multiple-2",
            ]
        )
        #expect(first.report.skippedCount == 0)
        #expect(first.report.exitStatus == 0)
        let second = QuestionBankImport.qti([folder], options: options("qti-bank"))
        #expect(first.xml == second.xml)
    }
}

extension String {
    /// "made ..." → "Made ...", so a quote can be written as it reads mid-sentence.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
