import Foundation
import Testing
import WaymarkCurriculum
import WaymarkImport
import WaymarkProgress

/// Moodle banks written for these tests (`Tests/Samples/moodle-xml`): every type Waymark imports,
/// the ones it skips, embedded media, and files it must refuse.
@Suite struct MoodleSampleTests {
    func everyType() throws -> (ImportOutcome, [String: Question]) {
        let outcome = QuestionBankImport.moodle([moodleSample("every-type.xml")], options: options("every-type"))
        try expectValid(outcome)
        let questions = try #require(outcome.assessment?.questions)
        return (outcome, Dictionary(questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    @Test func everySupportedTypeComesInInOrderWithItsCategoryAsTags() throws {
        let (outcome, _) = try everyType()
        let questions = try #require(outcome.assessment?.questions)
        #expect(
            questions.map(\.id) == [
                "first-meeting", "safe-places", "gifts", "who-to-tell", "hours", "who-does-what", "why-mentoring", "about-the-next-part",
            ]
        )
        #expect(
            questions.map(\.kind.typeName) == [
                "single-choice", "multiple-choice", "true-false", "short-answer", "numerical", "matching", "reflection", "information",
            ]
        )
        // Information is not scored, so it carries no tags.
        #expect(questions.dropLast().allSatisfy { $0.tags == ["peer-mentoring", "boundaries-trust"] })
        #expect(questions.last?.tags == [])
        #expect(outcome.report.skippedCount == 0)
        #expect(outcome.report.items.map(\.place).first == "moodle-xml/every-type.xml:8")
    }

    @Test func singleChoiceKeepsPartMarksAndFeedbackForEachAnswer() throws {
        let question = try #require(try everyType().1["first-meeting"])
        #expect(question.prompt == [.text("What should you do at a "), .strong([.text("first meeting")]), .text(" with a mentee?")])
        guard case .singleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(!shuffle)
        #expect(choices.map(\.weight) == [100, 50, 0])
        #expect(choices.map(\.feedback) == ["Yes: listening comes first.", "Sometimes, but listen first.", "Not quite: it is their journey."])
        #expect(score(question, .choice("a")) == (1, 100, .correct))
        #expect(score(question, .choice("b")) == (0.5, 50, .partial))
        #expect(score(question, .choice("c")) == (0, 0, .incorrect))
        #expect(Scoring.score(question, answer: .choice("c")).questionFeedback.map(\.text.plainText) == ["A first meeting is for listening."])
    }

    @Test func multipleChoiceAddsFractionsAndNeverGoesBelowNothing() throws {
        let (outcome, questions) = try everyType()
        let question = try #require(questions["safe-places"])
        #expect(question.points == 2)
        guard case .multipleChoice(let choices, let shuffle) = question.kind else {
            Issue.record("expected multiple-choice, got \(question.kind.typeName)")
            return
        }
        #expect(shuffle)
        #expect(choices.map(\.weight) == [50, 50, -100, 0])
        // Moodle adds the fractions of the answers chosen and holds the total between 0 and 100%.
        #expect(score(question, .choices(["a", "b"])) == (2, 100, .correct))
        #expect(score(question, .choices(["a"])) == (1, 50, .partial))
        #expect(score(question, .choices(["a", "c"])) == (0, 0, .incorrect))
        #expect(score(question, .choices(["a", "b", "d"])) == (2, 100, .correct))
        #expect(question.feedback.map(\.condition) == [.correct, .partial, .incorrect])
        let item = try #require(outcome.report.items.first { $0.questionID == "safe-places" })
        #expect(item.messages == ["1 hint was not kept: Waymark has no hints (trainees may retake instead)."])
    }

    @Test func trueFalseShortAnswerAndNumericalScoreAsMoodleDoes() throws {
        let questions = try everyType().1
        let gifts = try #require(questions["gifts"])
        #expect(gifts.kind == .trueFalse(answer: false))
        #expect(score(gifts, .trueFalse(false)) == (1, 100, .correct))
        #expect(
            gifts.feedback == [
                Feedback(condition: .always, text: [.text("Money changes the relationship.")]),
                Feedback(condition: .correct, text: [.text("Right: no lending.")]),
                Feedback(condition: .incorrect, text: [.text("No: that is a boundary.")]),
            ]
        )

        let tell = try #require(questions["who-to-tell"])
        #expect(
            tell.kind
                == .shortAnswer(
                    [
                        AcceptedAnswer(text: "supervisor", weight: 100, feedback: "Yes, your supervisor."),
                        AcceptedAnswer(text: "coordinator", weight: 80, feedback: "They can help too."),
                        AcceptedAnswer(text: "*", weight: 0, feedback: "Tell your supervisor."),
                    ],
                    caseSensitive: false
                )
        )
        #expect(score(tell, .text("Supervisor")) == (1, 100, .correct))
        #expect(score(tell, .text("coordinator")) == (0.8, 80, .partial))
        #expect(Scoring.score(tell, answer: .text("a friend")).feedback == ["Tell your supervisor."])

        let hours = try #require(questions["hours"])
        #expect(
            hours.kind
                == .numerical(
                    [
                        NumericAnswer(value: 20, tolerance: 0, weight: 100, feedback: "Twenty hours."),
                        NumericAnswer(value: 20, tolerance: 5, weight: 50, feedback: nil),
                    ],
                    unit: nil
                )
        )
        #expect(score(hours, .number(20)) == (1, 100, .correct))
        #expect(score(hours, .number(24.5)) == (0.5, 50, .partial))
        #expect(score(hours, .number(26)) == (0, 0, .incorrect))
    }

    @Test func matchingKeepsAnEmptySubquestionAsADistractor() throws {
        let question = try #require(try everyType().1["who-does-what"])
        #expect(
            question.kind
                == .matching(
                    [
                        MatchPair(id: "supervisor", term: [.text("Supervisor")], match: "Supports the mentor"),
                        MatchPair(id: "mentor", term: [.text("Mentor")], match: "Supports the mentee"),
                        MatchPair(id: "probation-officer", term: [.text("Probation officer")], match: "Manages the sentence"),
                    ],
                    distractors: ["Sets the fine"]
                )
        )
        let right = ["supervisor": "Supports the mentor", "mentor": "Supports the mentee", "probation-officer": "Manages the sentence"]
        #expect(score(question, .matches(right)) == (1, 100, .correct))
        var twoOfThree = right
        twoOfThree["mentor"] = "Sets the fine"
        #expect(score(question, .matches(twoOfThree)).percent == 66.667)
    }

    @Test func anEssayKeepsItsMinimumAndSaysTheMaximumWasNotKept() throws {
        let (outcome, questions) = try everyType()
        let essay = try #require(questions["why-mentoring"])
        #expect(essay.kind == .reflection(guidance: [], minimumWords: 50))
        #expect(Scoring.score(essay, answer: .reflection("Because")).outcome == .notScored)
        let item = try #require(outcome.report.items.first { $0.questionID == "why-mentoring" })
        #expect(item.messages == ["The word limit of 300 was not kept: Waymark sets only a minimum."])
        let description = try #require(questions["about-the-next-part"])
        #expect(description.kind == .information)
        #expect(description.prompt == [.text("The next questions are about keeping safe.")])
    }

    @Test func typesWaymarkLacksWhatMoodleRefusesAndGradesMoodleRefusesAreSkippedWithTheirLines() throws {
        let outcome = QuestionBankImport.moodle([moodleSample("skipped-types.xml")], options: options())
        #expect(outcome.report.items.map(\.status) == Array(repeating: .skipped, count: 6))
        #expect(
            outcome.report.items.map(\.place) == [
                "moodle-xml/skipped-types.xml:5", "moodle-xml/skipped-types.xml:9", "moodle-xml/skipped-types.xml:15",
                "moodle-xml/skipped-types.xml:19", "moodle-xml/skipped-types.xml:23", "moodle-xml/skipped-types.xml:31",
            ]
        )
        #expect(
            outcome.report.items.prefix(5).map(\.messages) == [
                [
                    "Blank 1, {1:SHORTANSWER:%50%listens}: no answer is worth 100% (mark the right one with = or %100%). Moodle refuses it too: "
                        + "\"Invalid embedded answers (Cloze) question (One of the answers should have a score of 100% so it is possible to get full marks for this question.).\""
                ],
                ["The text has [[3]], but there are only 2 choices. Moodle would not save it either."],
                ["Waymark has no question type like Moodle's calculated (Calculated), so it was skipped."],
                ["Waymark has no question type like Moodle's ddwtos (Drag and drop into text), so it was skipped."],
                ["Waymark does not know Moodle questions of type \"poodle\", so it was skipped."],
            ]
        )
        let grades = try #require(outcome.report.items.last?.messages.first)
        #expect(grades.hasPrefix("The grades 33 (line 31), 33 (line 32) and 33 (line 33) are not allowed: Moodle accepts only the grades in its list"))
        #expect(grades.hasSuffix(#"Moodle itself says: "Grades (0.33, 0.33, 0.33) do not match grade options - question 'Odd grades' skipped.""#))
        #expect(outcome.xml == nil)
        #expect(outcome.report.exitStatus == 1)
    }

    @Test func embeddedPicturesAndSoundsAreWrittenBesideTheAssessmentByteForByte() throws {
        let outcome = QuestionBankImport.moodle([moodleSample("embedded-media.xml")], options: options("doors"))
        try expectValid(outcome)
        #expect(outcome.report.media == ["media/doors/door.png", "media/doors/welcome.mp3", "media/doors/key.png"])
        let question = try onlyQuestion(outcome)
        #expect(question.prompt.contains(.image(src: "media/doors/door.png", alt: "An open door")))
        guard case .singleChoice(let choices, _) = question.kind else {
            Issue.record("expected single-choice, got \(question.kind.typeName)")
            return
        }
        #expect(choices[0].text == [.image(src: "media/doors/key.png", alt: "A key"), .text(" A fresh start")])
        #expect(
            outcome.report.items[0].messages == [
                "The link to welcome.mp3 was kept as its text: Waymark links only to web and email addresses. The file is saved as media/doors/welcome.mp3."
            ]
        )
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("Assessments/p/doors.xml")
        try outcome.write(to: target)
        let png = try Data(contentsOf: folder.url.appendingPathComponent("Assessments/p/media/doors/door.png"))
        #expect(png == Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGPQiFoARwzEcQDQAxIhSS2dPgAAAABJRU5ErkJggg=="))
        let mp3 = try Data(contentsOf: folder.url.appendingPathComponent("Assessments/p/media/doors/welcome.mp3"))
        #expect(Array(mp3.prefix(3)) == Array("ID3".utf8))
    }

    @Test func scriptsStylesAndScriptLinksNeverReachThePage() throws {
        let outcome = QuestionBankImport.moodle([moodleSample("unsafe-html.xml")], options: options())
        try expectValid(outcome)
        let question = try onlyQuestion(outcome)
        #expect(question.prompt.plainText == "Mentors keep notes safe. More Guide")
        let xml = String(decoding: try #require(outcome.xml), as: UTF8.self)
        for forbidden in ["script", "onclick", "steal", "display:none", "javascript"] {
            #expect(!xml.contains(forbidden), "\(forbidden) reached the written file")
        }
        #expect(xml.contains(#"href="https://example.org/notes""#))
        #expect(outcome.report.items[0].status == .importedWithWarnings)
    }

    @Test(arguments: [
        ("broken.xml", 6),
        ("hostile.xml", 2),
        ("not-a-bank.xml", 2),
    ])
    func aFileItCannotReadIsReportedWithItsLineAndNothingIsWritten(file: String, line: Int) throws {
        let outcome = QuestionBankImport.moodle([moodleSample(file)], options: options())
        let item = try #require(outcome.report.items.first)
        #expect(outcome.report.items.count == 1)
        #expect(item.status == .skipped)
        #expect(item.type == "file")
        #expect(item.place == "moodle-xml/\(file):\(line)")
        #expect(!item.messages.isEmpty)
        #expect(outcome.xml == nil)
        #expect(outcome.report.exitStatus == 1)
        #expect(!item.messages.joined().contains("root:"), "the entity was expanded")
    }

    @Test func theWholeSampleSetImportsTogetherTheSameWayTwice() throws {
        let files = ["every-type.xml", "skipped-types.xml", "embedded-media.xml", "unsafe-html.xml"].map(moodleSample)
        let first = QuestionBankImport.moodle(files, options: options("samples"))
        try expectValid(first)
        #expect(first.report.importedCount + first.report.warningCount == 10)
        #expect(first.report.skippedCount == 6)
        #expect(first.report.exitStatus == 3)
        let second = QuestionBankImport.moodle(files, options: options("samples"))
        #expect(first.xml == second.xml)
        #expect(first.media == second.media)
        #expect(first.report == second.report)
    }
}
