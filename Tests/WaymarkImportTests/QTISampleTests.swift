import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress

/// QTI 2.1 and 3.0 items written for these tests (`Tests/Samples/qti`): one per interaction
/// Waymark imports, two it must skip, and files it must refuse.
@Suite struct QTISampleTests {
    func only(_ path: String) throws -> (ImportOutcome, Question) {
        let outcome = QuestionBankImport.qti([qtiSample(path)], options: options())
        try expectValid(outcome)
        return (outcome, try onlyQuestion(outcome))
    }

    @Test func singleChoiceBringsItsPictureAlong() throws {
        let (outcome, question) = try only("v2p1/choice.xml")
        #expect(question.id == "first-meeting")
        #expect(question.prompt.contains(.image(src: "media/imported/meeting.png", alt: "Two people talking at a table")))
        #expect(question.prompt.plainText.hasSuffix("Where is the best place for a first meeting?"))
        guard case .singleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(!shuffle)
        #expect(choices.map(\.text.plainText) == ["A busy cafe", "The mentee's home", "An empty park"])
        #expect(score(question, .choice(try #require(choices.first { $0.isCorrect }).id)) == (1, 100, .correct))
        #expect(outcome.media.map(\.path) == ["media/imported/meeting.png"])
        #expect(outcome.report.items[0].status == .imported)
    }

    @Test(arguments: ["v2p1/choice-multiple.xml", "v3p0/choice-multiple.xml"])
    func multipleChoiceMapResponseScoresAsTheSourceDoes(path: String) throws {
        let (_, question) = try only(path)
        #expect(question.points == 2)
        guard case .multipleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected multiple-choice, got \(question.kind.typeName)")
            return
        }
        #expect(shuffle)
        #expect(choices.map(\.text.plainText) == ["Nodding now and then", "Asking an open question", "Checking your phone", "Waiting for a pause"])
        let ids = choices.map(\.id)
        let mapping = [ids[0]: 1.0, ids[1]: 1, ids[2]: -1]
        for response in [[0, 1], [0], [1, 2], [0, 1, 2], [2], [3], [0, 3], [0, 1, 3]] {
            let keys = Set(response.map { ids[$0] })
            let expected = qtiMapResponse(keys, mapping: mapping, default: 0, lower: 0, upper: 2)
            let earned = Scoring.score(question, answer: .choices(keys.sorted())).earned
            #expect(abs(earned - expected) < 1e-9, "\(keys.sorted()): Waymark \(earned), QTI \(expected)")
        }
    }

    @Test func textEntryKeepsItsMappedAnswersInEitherVersion() throws {
        let (_, v2) = try only("v2p1/text-entry.xml")
        #expect(v2.prompt.plainText.contains("tell your ____ first."))
        #expect(score(v2, .text("supervisor")) == (1, 100, .correct))
        #expect(score(v2, .text("Supervisor")) == (1, 100, .correct))
        #expect(score(v2, .text("coordinator")) == (0.5, 50, .partial))
        #expect(score(v2, .text("friend")) == (0, 0, .incorrect))
        let (_, v3) = try only("v3p0/text-entry.xml")
        #expect(score(v3, .text("supervisor")) == (1, 100, .correct))
        #expect(score(v3, .text("friend")) == (0, 0, .incorrect))
    }

    @Test func extendedTextBecomesAReflectionWithItsPrompt() throws {
        let (outcome, question) = try only("v2p1/extended-text.xml")
        #expect(question.kind == .reflection(guidance: [], minimumWords: nil))
        #expect(question.prompt.plainText.hasPrefix("Think about the people who helped you."))
        #expect(question.prompt.plainText.hasSuffix("Why do you want to be a peer mentor?"))
        #expect(outcome.report.items[0].messages == ["HTML Waymark does not keep was dropped, keeping its text: <div>."])
    }

    @Test func matchKeepsEveryPairAndTheUnusedAnswer() throws {
        let (_, question) = try only("v2p1/match.xml")
        #expect(question.points == 3)
        guard case .matching(let pairs, let distractors) = question.kind else {
            Issue.record("expected matching, got \(question.kind.typeName)")
            return
        }
        #expect(pairs.map(\.term.plainText) == ["Supervisor", "Mentor", "Probation officer"])
        #expect(pairs.map(\.match) == ["Supports the mentor", "Supports the mentee", "Manages the sentence"])
        #expect(distractors == ["Sets the fine"])
        let right = Dictionary(uniqueKeysWithValues: pairs.map { ($0.id, $0.match) })
        #expect(score(question, .matches(right)) == (3, 100, .correct))
    }

    @Test func orderKeepsTheCorrectOrderNotTheShownOne() throws {
        let (_, question) = try only("v2p1/order.xml")
        guard case .ordering(let items) = question.kind else {
            Issue.record("expected ordering, got \(question.kind.typeName)")
            return
        }
        #expect(items.map(\.text.plainText) == ["Say hello and check in", "Listen to how the week went", "Agree the next step"])
        #expect(score(question, .order(items.map(\.id))) == (1, 100, .correct))
    }

    @Test func inlineChoiceBecomesASingleChoiceWithABlank() throws {
        let (_, question) = try only("v2p1/inline-choice.xml")
        #expect(question.prompt.plainText.contains("Always meet a mentee in a ____ place."))
        guard case .singleChoice(let choices, _) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(choices.map(\.text.plainText) == ["public", "private", "dark"])
        #expect(choices.filter(\.isCorrect).map(\.text.plainText) == ["public"])
    }

    @Test(arguments: [("v2p1/hotspot.xml", "hotspotInteraction")])
    func interactionsWaymarkLacksAreSkippedByName(path: String, interaction: String) throws {
        let outcome = QuestionBankImport.qti([qtiSample(path)], options: options())
        let item = try #require(outcome.report.items.first)
        #expect(item.status == .skipped)
        #expect(item.type == interaction)
        #expect(item.messages == ["Waymark has no question like QTI's <\(interaction)>, so it was skipped."])
        #expect(outcome.xml == nil)
    }

    @Test(arguments: [("broken/unclosed.xml", 5), ("broken/entities.xml", 2)])
    func anItemItCannotReadIsReportedWithItsLine(path: String, line: Int) throws {
        let outcome = QuestionBankImport.qti([qtiSample(path)], options: options())
        let item = try #require(outcome.report.items.first)
        #expect(outcome.report.items.count == 1)
        #expect(item.status == .skipped)
        #expect(item.place == "qti/\(path):\(line)")
        #expect(!item.messages.isEmpty)
        #expect(!item.messages.joined().contains("root:"), "the entity was expanded")
        #expect(outcome.xml == nil)
    }

    @Test func aFolderImportsEveryItemWithUniqueIdsTheSameWayTwice() throws {
        let folder = qtiSample("v3p0")
        let first = QuestionBankImport.qti([qtiSample("v2p1"), folder], options: options("qti-samples"))
        try expectValid(first)
        #expect(first.report.items.count == 13)
        #expect(first.report.skippedCount == 1)
        #expect(first.report.exitStatus == 3)
        let ids = try #require(first.assessment?.questions.map(\.id))
        #expect(Set(ids).count == ids.count)
        let second = QuestionBankImport.qti([qtiSample("v2p1"), folder], options: options("qti-samples"))
        #expect(first.xml == second.xml)
        #expect(first.report == second.report)
    }
}
