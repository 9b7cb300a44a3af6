import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress
import WaymarkTestSupport

/// Moodle's own question banks (from `WAYMARK_FIXTURES`), imported and scored as Moodle scores them.
@Suite(.enabled(if: ConformanceFiles.requested, Comment(rawValue: ConformanceFiles.skipReason)))
struct MoodleConformanceTests {
    @Test func multipleAnswersKeepTheirFractionsAsPartialCredit() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("multichoice_multiple_answers.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.id == "multi-choice-001")
        #expect(question.tags == ["default-for-c1"])
        guard case .multipleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected multiple-choice, got \(question.kind.typeName)")
            return
        }
        #expect(shuffle)
        #expect(choices.map(\.text.plainText) == ["Tokyo", "Spain", "London", "Barcelona", "Paris"])
        #expect(choices.map(\.weight) == [0, 0, 50, 0, 50])
        #expect(choices.filter(\.isCorrect).map(\.id) == ["c", "e"])
        #expect(question.feedback.map(\.condition) == [.always, .correct, .partial, .incorrect])
        #expect(
            question.feedback.map(\.text.plainText) == [
                "Berlin, Paris and London", "Your answer is correct.", "Your answer is partially correct.", "Your answer is incorrect.",
            ]
        )
        // Moodle: London + Paris = 100%; one of the two = 50%; a wrong one adds nothing.
        #expect(score(question, .choices(["c", "e"])) == (1, 100, .correct))
        #expect(score(question, .choices(["e"])) == (0.5, 50, .partial))
        #expect(score(question, .choices(["c", "a"])) == (0.5, 50, .partial))
        #expect(score(question, .choices(["a", "b"])) == (0, 0, .incorrect))
        let result = Scoring.score(question, answer: .choices(["e"]))
        #expect(result.questionFeedback.map(\.text.plainText) == ["Berlin, Paris and London", "Your answer is partially correct."])
        #expect(outcome.report.items.map(\.messages) == [["2 hints were not kept: Waymark has no hints (trainees may retake instead)."]])
    }

    @Test func embeddedImagesComeOutAsMediaFiles() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("multichoice_single_with_embedded_files.xml")], options: options("greetings"))
        try expectValid(outcome)
        #expect(
            outcome.report.media == [
                "media/greetings/bonjour.mp3", "media/greetings/flag-uk.jpg", "media/greetings/flag-france.jpg",
                "media/greetings/flag-german.jpg", "media/greetings/flag-denmark.jpg",
            ]
        )
        let question = try onlyQuestion(outcome)
        #expect(question.tags == ["default-for-testhead", "multichoice"])
        #expect(question.prompt == [.text("Listen to this greeting: What language is being spoken?")])
        guard case .singleChoice(let choices, _) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(choices[0].text == [.image(src: "media/greetings/flag-uk.jpg", alt: "British Flag"), .text(" English")])
        #expect(choices.map(\.text.plainText) == ["British Flag English", "French flag French", "German flag German", "Denmark flag Danish"])
        #expect(choices.filter(\.isCorrect).map(\.id) == ["b"])
        #expect(choices.map(\.feedback) == ["Sorry, listen again.", "Yes, well done!", "Sorry, listen again.", "Sorry, listen again."])
        #expect(score(question, .choice("b")) == (1, 100, .correct))
        #expect(Scoring.score(question, answer: .choice("a")).feedback == ["Sorry, listen again."])
        #expect(
            outcome.report.items[0].messages == [
                "The link to bonjour.mp3 was kept as its text: Waymark links only to web and email addresses. The file is saved as media/greetings/bonjour.mp3."
            ]
        )

        // Written beside the assessment, byte for byte what Moodle embedded.
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("Assessments/p/greetings.xml")
        try outcome.write(to: target)
        let jpeg = try Data(contentsOf: folder.url.appendingPathComponent("Assessments/p/media/greetings/flag-uk.jpg"))
        #expect(jpeg.count == 1999)
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF])
        let mp3 = try Data(contentsOf: folder.url.appendingPathComponent("Assessments/p/media/greetings/bonjour.mp3"))
        #expect(Array(mp3.prefix(3)) == Array("ID3".utf8))
        #expect(try Data(contentsOf: target) == Data(try #require(outcome.xml)))
    }

    @Test func trueFalseFeedbackFollowsTheAnswer() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("truefalse.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.kind == .trueFalse(answer: true))
        #expect(
            question.feedback == [
                Feedback(condition: .always, text: [.text("You should have selected true.")]),
                Feedback(condition: .correct, text: [.text("This is the right answer.")]),
                Feedback(condition: .incorrect, text: [.text("This is the wrong answer.")]),
            ]
        )
        #expect(score(question, .trueFalse(true)) == (1, 100, .correct))
        #expect(score(question, .trueFalse(false)) == (0, 0, .incorrect))
        #expect(outcome.report.exitStatus == 0)
        #expect(outcome.report.items.map(\.status) == [.imported])
    }

    @Test func shortAnswerKeepsTheCaseRuleWildcardAndWeights() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("shortanswer.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(
            question.kind
                == .shortAnswer(
                    [
                        AcceptedAnswer(text: "frog", weight: 100, feedback: "Frog is a very good answer."),
                        AcceptedAnswer(text: "toad", weight: 80, feedback: "Toad is an OK good answer."),
                        AcceptedAnswer(text: "*", weight: 0, feedback: "That is a bad answer."),
                    ],
                    caseSensitive: false
                )
        )
        #expect(score(question, .text("Frog")) == (1, 100, .correct))
        #expect(score(question, .text("toad")) == (0.8, 80, .partial))
        let wrong = Scoring.score(question, answer: .text("newt"))
        #expect(wrong.earned == 0)
        #expect(wrong.feedback == ["That is a bad answer."])
    }

    @Test func numericalKeepsItsTolerance() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("numerical.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.kind == .numerical([NumericAnswer(value: 6.25, tolerance: 0.05, weight: 100, feedback: nil)], unit: nil))
        #expect(score(question, .number(6.25)).earned == 1)
        #expect(score(question, .number(6.3)).earned == 1)
        #expect(score(question, .number(6.2)).earned == 1)
        #expect(score(question, .number(6.31)).earned == 0)
    }

    @Test func matchingTurnsAnEmptySubquestionIntoADistractor() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("matching.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(
            question.kind
                == .matching(
                    [
                        MatchPair(id: "frog", term: [.text("frog")], match: "amphibian"),
                        MatchPair(id: "cat", term: [.text("cat")], match: "mammal"),
                        MatchPair(id: "newt", term: [.text("newt")], match: "amphibian"),
                    ],
                    distractors: ["insect"]
                )
        )
        #expect(question.tags == ["test-questions"])
        #expect(question.feedback.map(\.condition) == [.always, .correct, .partial, .incorrect])
        #expect(score(question, .matches(["frog": "amphibian", "cat": "mammal", "newt": "amphibian"])) == (1, 100, .correct))
        // Moodle gives each subquestion an equal share, as Waymark does.
        #expect(score(question, .matches(["frog": "amphibian", "cat": "insect", "newt": "amphibian"])).percent == 66.667)
    }

    @Test func essayBecomesAReflectionAndDescriptionInformation() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("essay.xml"), try moodleFixture("description.xml")], options: options())
        try expectValid(outcome)
        let questions = try #require(outcome.assessment?.questions)
        #expect(questions.map(\.id) == ["essay-001", "description-001"])
        #expect(questions[0].kind == .reflection(guidance: [], minimumWords: nil))
        #expect(questions[0].prompt == [.text("Write an essay with 500 words.")])
        #expect(questions[1].kind == .information)
        #expect(questions[1].prompt == [.text("Instructions about the following questions.")])
        #expect(
            outcome.report.items.map(\.messages) == [
                [
                    "The word limit of 20 was not kept: Waymark sets only a minimum.",
                    "The general feedback was not kept: a Waymark reflection has no feedback.",
                ],
                ["The general feedback was not kept: a Waymark information has no feedback."],
            ]
        )
        #expect(Scoring.score(questions[0], answer: .text("Anything")).outcome == .notScored)
    }

    @Test func gapselectBecomesABlanksQuestionWithAListPerGap() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("gapselect.xml")], options: options())
        try expectValid(outcome)
        let item = try #require(outcome.report.items.first)
        #expect(outcome.report.items.count == 1)
        #expect(item.status == .importedWithWarnings)
        #expect(item.place == "moodle-xml/gapselect.xml:12")
        #expect(item.name == "Imported Select missing words 001")
        #expect(item.type == "gapselect")
        #expect(item.waymarkType == "blanks")
        #expect(item.messages == ["2 hints were not kept: Waymark has no hints (trainees may retake instead)."])
        let question = try onlyQuestion(outcome)
        guard case .blanks(let text, let blanks) = question.kind else {
            Issue.record("expected blanks, got \(question.kind.typeName)")
            return
        }
        #expect(text == [.words([.text("The ")]), .blank(1), .words([.text(" ")]), .blank(2), .words([.text(" on the ")]), .blank(3), .words([.text(".")])])
        let words = ["cat", "sat", "mat", "dog", "table"]
        #expect(blanks.map(\.answer) == ["cat", "sat", "mat"].map { right in .choose(words.map { BlankOption(text: $0, isCorrect: $0 == right, weight: nil, feedback: nil) }) })
        #expect(score(question, .blanks(["1": "cat", "2": "sat", "3": "dog"])).percent == 66.667)
    }

    @Test func refusesTheGradeMoodleRefuses() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("negative_invalid_grades.xml")], options: options())
        let item = try #require(outcome.report.items.first)
        #expect(item.status == .skipped)
        #expect(item.place == "moodle-xml/negative_invalid_grades.xml:38")
        #expect(item.name == "Question with invalid grades : x > 1 & x < 2")
        let message = try #require(item.messages.first)
        #expect(message.hasPrefix("The grade 33 (line 38) is not allowed: Moodle accepts only the grades in its list"))
        #expect(message.hasSuffix("\"Grades (0.33) do not match grade options - question 'Question with invalid grades : x > 1 & x < 2' skipped.\""))
        #expect(outcome.xml == nil)
        #expect(!outcome.canWrite)
        #expect(outcome.report.exitStatus == 1)
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("bad.xml")
        #expect(throws: ImportWriteError.self) { try outcome.write(to: target) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    static let allFiles = [
        "description.xml", "essay.xml", "gapselect.xml", "matching.xml", "multichoice_multiple_answers.xml",
        "multichoice_single_with_embedded_files.xml", "negative_invalid_grades.xml", "numerical.xml", "shortanswer.xml", "truefalse.xml",
    ]

    @Test func importsEverySupportedFileTogetherAndSaysWhatItSkipped() throws {
        let outcome = QuestionBankImport.moodle(try Self.allFiles.map(moodleFixture), options: options("moodle-bank"))
        try expectValid(outcome)
        #expect(outcome.report.importedCount == 3)
        #expect(outcome.report.warningCount == 6)
        #expect(outcome.report.skippedCount == 1)
        #expect(outcome.report.exitStatus == 3)
        #expect(
            outcome.assessment?.questions.map(\.id) == [
                "description-001", "essay-001", "imported-select-missing-words-001", "matching-001", "multi-choice-001", "greeting", "numerical-001", "shortanswer-001", "true-false-001",
            ]
        )
        #expect(
            outcome.assessment?.questions.map(\.kind.typeName) == [
                "information", "reflection", "blanks", "matching", "multiple-choice", "single-choice", "numerical", "short-answer", "true-false",
            ]
        )
        #expect(
            outcome.report.items.filter { $0.status == .skipped }.map(\.place) == ["moodle-xml/negative_invalid_grades.xml:38"]
        )
        // The whole set, scored with every right answer, earns full marks.
        let assessment = try #require(outcome.assessment)
        let answers: [String: Answer] = [
            "matching-001": .matches(["frog": "amphibian", "cat": "mammal", "newt": "amphibian"]),
            "multi-choice-001": .choices(["c", "e"]), "greeting": .choice("b"), "numerical-001": .number(6.25),
            "shortanswer-001": .text("frog"), "true-false-001": .trueFalse(true),
            "imported-select-missing-words-001": .blanks(["1": "cat", "2": "sat", "3": "mat"]),
        ]
        let attempt = Scoring.attempt(assessment, moduleID: "m", answers: answers)
        #expect(attempt.record.possiblePoints == 7)
        #expect(attempt.record.percent == 100)
        #expect(attempt.record.passed)
    }

    @Test func importingTwiceGivesTheSameBytes() throws {
        let first = QuestionBankImport.moodle(try Self.allFiles.map(moodleFixture), options: options("moodle-bank"))
        let second = QuestionBankImport.moodle(try Self.allFiles.map(moodleFixture), options: options("moodle-bank"))
        #expect(first.xml != nil)
        #expect(first.xml == second.xml)
        #expect(first.media == second.media)
        #expect(first.report == second.report)
    }

    @Test func repeatedNamesGetDistinctStableIds() throws {
        let outcome = QuestionBankImport.moodle([try moodleFixture("truefalse.xml"), try moodleFixture("truefalse.xml")], options: options())
        #expect(outcome.assessment?.questions.map(\.id) == ["true-false-001", "true-false-001-2"])
        try expectValid(outcome)
    }
}
