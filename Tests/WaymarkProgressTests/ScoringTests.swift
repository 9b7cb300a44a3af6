import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Every question type scores as trainers expect, including partial credit, weights,
/// wildcards, the case rule and tolerance.
@Suite struct ScoringTests {
    typealias Case = (answer: Answer?, earned: Double, outcome: QuestionResult.Outcome)

    static let single = Fixtures.question(
        "single",
        .singleChoice(
            [
                Fixtures.choice("a", correct: true, feedback: "Yes."),
                Fixtures.choice("b", feedback: "Not quite."),
                Fixtures.choice("c", weight: 50),
                Fixtures.choice("d", weight: -20),
            ],
            shuffle: false
        ),
        points: 2
    )

    @Test(
        arguments: [
            (Answer.choice("a"), 2.0, QuestionResult.Outcome.correct),
            (.choice("b"), 0, .incorrect),
            (.choice("c"), 1, .partial),
            (.choice("d"), 0, .incorrect),
            (.choice("zz"), 0, .incorrect),
            (.text("a"), 0, .incorrect),
            (nil, 0, .incorrect),
        ] as [Case]
    )
    func singleChoiceScoresTheChosenWeightOrAllOrNothing(answer: Answer?, earned: Double, outcome: QuestionResult.Outcome) {
        let result = Scoring.score(Self.single, answer: answer)
        #expect(result.earned == earned)
        #expect(result.possible == 2)
        #expect(result.outcome == outcome)
    }

    static let multiple = Fixtures.question(
        "multiple",
        .multipleChoice(
            [
                Fixtures.choice("a", correct: true, feedback: "Right about a."),
                Fixtures.choice("b", correct: true),
                Fixtures.choice("c", feedback: "c is part of the role."),
                Fixtures.choice("d"),
            ],
            shuffle: true
        ),
        points: 4
    )

    @Test(
        arguments: [
            (Answer.choices(["a", "b"]), 4.0, QuestionResult.Outcome.correct),
            (.choices(["a"]), 2, .partial),
            (.choices(["a", "b", "c"]), 2, .partial),
            (.choices(["a", "c"]), 0, .incorrect),
            (.choices(["c", "d"]), 0, .incorrect),
            (.choices([]), 0, .incorrect),
            (nil, 0, .incorrect),
        ] as [Case]
    )
    func multipleChoiceGivesEachRightChoiceAShareAndTakesOneAwayForEachWrongChoice(
        answer: Answer?,
        earned: Double,
        outcome: QuestionResult.Outcome
    ) {
        let result = Scoring.score(Self.multiple, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    static let weightedMultiple = Fixtures.question(
        "weighted",
        .multipleChoice(
            [
                Fixtures.choice("a", correct: true, weight: 60),
                Fixtures.choice("b", correct: true, weight: 40),
                Fixtures.choice("c", weight: -50),
                Fixtures.choice("d", weight: -100),
            ],
            shuffle: false
        ),
        points: 10
    )

    @Test(
        arguments: [
            (Answer.choices(["a", "b"]), 10.0, QuestionResult.Outcome.correct),
            (.choices(["a"]), 6, .partial),
            (.choices(["a", "b", "c"]), 5, .partial),
            (.choices(["a", "d"]), 0, .incorrect),
            (.choices(["a", "b", "b"]), 10, .correct),
        ] as [Case]
    )
    func multipleChoiceWithWeightsAddsTheWeightsAndClampsToTheQuestionsPoints(
        answer: Answer?,
        earned: Double,
        outcome: QuestionResult.Outcome
    ) {
        let result = Scoring.score(Self.weightedMultiple, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    @Test func multipleChoiceFeedbackListsWhatWasSaidAboutEachChosenChoiceInOrder() {
        let result = Scoring.score(Self.multiple, answer: .choices(["c", "a"]))
        #expect(result.feedback == ["Right about a.", "c is part of the role."])
    }

    @Test(
        arguments: [
            (Answer.trueFalse(false), 1.0, QuestionResult.Outcome.correct),
            (.trueFalse(true), 0, .incorrect),
            (nil, 0, .incorrect),
        ] as [Case]
    )
    func trueFalseIsAllOrNothing(answer: Answer?, earned: Double, outcome: QuestionResult.Outcome) {
        let question = Fixtures.question("tf", .trueFalse(answer: false))
        let result = Scoring.score(question, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    static let shortAnswer = Fixtures.question(
        "word",
        .shortAnswer(
            [
                AcceptedAnswer(text: "mentee", weight: 100, feedback: "Yes, mentee."),
                AcceptedAnswer(text: "a  mentee", weight: 100, feedback: nil),
                AcceptedAnswer(text: "ment*", weight: 50, feedback: "Close. The word is mentee."),
                AcceptedAnswer(text: "*probation*", weight: 25, feedback: nil),
            ],
            caseSensitive: false
        ),
        points: 4
    )

    @Test(
        arguments: [
            (Answer.text("mentee"), 4.0, QuestionResult.Outcome.correct),
            (.text("  MENTEE \n"), 4, .correct),
            (.text("A   Mentee"), 4, .correct),
            (.text("mentor"), 2, .partial),
            (.text("the probation service"), 1, .partial),
            (.text("probation"), 1, .partial),
            (.text("buddy"), 0, .incorrect),
            (.text(""), 0, .incorrect),
            (.number(1), 0, .incorrect),
        ] as [Case]
    )
    func shortAnswerFoldsSpaceAndCaseMatchesWildcardsAndKeepsTheBestWeight(
        answer: Answer?,
        earned: Double,
        outcome: QuestionResult.Outcome
    ) {
        let result = Scoring.score(Self.shortAnswer, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    @Test func shortAnswerFeedbackComesFromTheBestMatchingAnswer() {
        #expect(Scoring.score(Self.shortAnswer, answer: .text("Mentee")).feedback == ["Yes, mentee."])
        #expect(Scoring.score(Self.shortAnswer, answer: .text("mentoring")).feedback == ["Close. The word is mentee."])
    }

    @Test(arguments: [("DBS", true), ("dbs", false), (" DBS ", true), ("DBS check", false)])
    func aCaseSensitiveShortAnswerNeedsTheSameCapitals(typed: String, isRight: Bool) {
        let question = Fixtures.question("dbs", .shortAnswer([AcceptedAnswer(text: "DBS", weight: 100, feedback: nil)], caseSensitive: true))
        #expect(Scoring.score(question, answer: .text(typed)).outcome == (isRight ? .correct : .incorrect))
    }

    static let numerical = Fixtures.question(
        "hours",
        .numerical(
            [
                NumericAnswer(value: 20, tolerance: 0.5, weight: 100, feedback: "Right."),
                NumericAnswer(value: 20, tolerance: 5, weight: 50, feedback: "Nearly."),
            ],
            unit: "hours"
        ),
        points: 2
    )

    @Test(
        arguments: [
            (Answer.number(20), 2.0, QuestionResult.Outcome.correct),
            (.number(20.5), 2, .correct),
            (.number(19.6), 2, .correct),
            (.number(23), 1, .partial),
            (.number(15), 1, .partial),
            (.number(30), 0, .incorrect),
            (.number(.nan), 0, .incorrect),
        ] as [Case]
    )
    func numericalAcceptsAnyAnswerWithinToleranceAndKeepsTheBestWeight(answer: Answer?, earned: Double, outcome: QuestionResult.Outcome) {
        let result = Scoring.score(Self.numerical, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    /// A tolerance means what it says, however fine: only the rounding of binary fractions is
    /// forgiven (1.1 is within 0.1 of 1), not a share of the value.
    @Test(arguments: [
        (1.0, 0.1, 1.1, true), (1.0, 0.1, 0.9, true), (1.0, 0.1, 1.1000001, false),
        (3.141592653589793, 1e-9, 3.1415926545, true), (3.141592653589793, 1e-9, 3.141592656, false),
        (3.141592653589793, 0, 3.141592653589793, true), (3.141592653589793, 0, 3.14159265358979, false),
        (1e-9, 1e-12, 1.0005e-9, true), (1e-9, 1e-12, 1.002e-9, false),
    ])
    func aToleranceIsKeptExactlyHoweverFine(value: Double, tolerance: Double, typed: Double, isRight: Bool) {
        let question = Fixtures.question("fine", .numerical([NumericAnswer(value: value, tolerance: tolerance, weight: 100, feedback: nil)], unit: nil))
        #expect(Scoring.score(question, answer: .number(typed)).outcome == (isRight ? .correct : .incorrect))
    }

    static let matching = Fixtures.question(
        "who",
        .matching(
            [
                MatchPair(id: "mentor", term: [.text("Peer mentor")], match: "Listens"),
                MatchPair(id: "supervisor", term: [.text("Supervisor")], match: "Supports the mentor"),
                MatchPair(id: "probation", term: [.text("Probation officer")], match: "Manages a licence"),
                MatchPair(id: "court", term: [.text("Court")], match: "Sentences"),
            ],
            distractors: ["Decides who is a mentee"]
        ),
        points: 4
    )

    @Test(
        arguments: [
            (
                Answer.matches(["mentor": "Listens", "supervisor": "Supports the mentor", "probation": "Manages a licence", "court": "Sentences"]),
                4.0, QuestionResult.Outcome.correct
            ),
            (.matches(["mentor": "Listens", "supervisor": "Supports the mentor", "probation": "Decides who is a mentee"]), 2, .partial),
            (.matches(["mentor": "Supports the mentor"]), 0, .incorrect),
            (.matches([:]), 0, .incorrect),
        ] as [Case]
    )
    func matchingGivesTheShareOfPairsMatched(answer: Answer?, earned: Double, outcome: QuestionResult.Outcome) {
        let result = Scoring.score(Self.matching, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    static let ordering = Fixtures.question(
        "steps",
        .ordering(["listen", "ask", "plan", "review"].map { OrderItem(id: $0, text: [.text($0)]) }),
        points: 2
    )

    @Test(
        arguments: [
            (Answer.order(["listen", "ask", "plan", "review"]), 2.0, QuestionResult.Outcome.correct),
            (.order(["listen", "ask", "review", "plan"]), 1, .partial),
            (.order(["review", "plan", "ask", "listen"]), 0, .incorrect),
            (.order(["listen"]), 0.5, .partial),
        ] as [Case]
    )
    func orderingGivesTheShareOfItemsInTheirPlace(answer: Answer?, earned: Double, outcome: QuestionResult.Outcome) {
        let result = Scoring.score(Self.ordering, answer: answer)
        #expect(result.earned == earned)
        #expect(result.outcome == outcome)
    }

    @Test(arguments: [
        QuestionKind.reflection(guidance: [], minimumWords: 30),
        QuestionKind.information,
    ])
    func reflectionsAndInformationAreNotScored(kind: QuestionKind) {
        let question = Fixtures.question("r", kind, points: 5, feedback: [Fixtures.feedback(.always, "Thanks for writing.")])
        let result = Scoring.score(question, answer: .reflection("I think..."))
        #expect(result.outcome == .notScored)
        #expect(result.earned == 0)
        #expect(result.possible == 0)
        #expect(result.questionFeedback.map(\.text) == [[.text("Thanks for writing.")]])
    }

    @Test(arguments: [
        (Answer.choices(["a", "b"]), ["always", "right"]),
        (.choices(["a"]), ["always", "some"]),
        (.choices(["c"]), ["always", "wrong"]),
    ])
    func questionFeedbackShowsAlwaysAndTheOneForTheOutcome(answer: Answer, expected: [String]) {
        var question = Self.multiple
        question.feedback = [
            Fixtures.feedback(.always, "always"), Fixtures.feedback(.correct, "right"),
            Fixtures.feedback(.partial, "some"), Fixtures.feedback(.incorrect, "wrong"),
        ]
        let result = Scoring.score(question, answer: answer)
        #expect(result.questionFeedback.map { $0.text.plainText } == expected)
    }

    @Test func anAttemptRecordsPointsPerScoredQuestionAndThePassMarkInForce() {
        let assessment = Fixtures.assessment(
            "mixed",
            passMark: 60,
            questions: [
                Self.single, Self.multiple,
                Fixtures.question("why", .reflection(guidance: [], minimumWords: nil)),
                Fixtures.question("info", .information),
            ]
        )
        let (record, results) = Scoring.attempt(
            assessment,
            moduleID: "role",
            answers: ["single": .choice("a"), "multiple": .choices(["a"]), "why": .reflection("Because."), "stray": .choice("x")]
        )
        #expect(results.map(\.questionID) == ["single", "multiple", "why", "info"])
        #expect(record.points == ["single": 2, "multiple": 2])
        #expect(record.possiblePoints == 6)
        #expect(record.passMark == 60)
        #expect(record.moduleID == "role")
        #expect(record.answers.keys.sorted() == ["multiple", "single", "why"])
        #expect(abs(record.percent - 66.666) < 0.01)
        #expect(record.passed)
    }

    @Test func anAttemptWithNoAnswersScoresNothingAndDoesNotPass() {
        let assessment = Fixtures.assessment("empty-handed", questions: [Self.single, Self.ordering])
        let (record, results) = Scoring.attempt(assessment, moduleID: "m", answers: [:])
        #expect(results.map(\.outcome) == [.incorrect, .incorrect])
        #expect(record.percent == 0)
        #expect(!record.passed)
    }
}
