import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Retakes are allowed by default; an assessment may set a maximum and a cool-down.
@Suite struct AttemptRulesTests {
    static let now = Fixtures.start.addingTimeInterval(10 * Fixtures.day)

    static func attempts(_ hoursAgo: [Double], assessmentID: String = "listening-check") -> [DatedAttempt] {
        hoursAgo.map {
            DatedAttempt(
                record: AttemptRecord(
                    assessmentID: assessmentID,
                    moduleID: "listening",
                    answers: [:],
                    points: ["q1": 0],
                    possiblePoints: 1,
                    passMark: 70
                ),
                at: now.addingTimeInterval(-$0 * 3600)
            )
        }
    }

    static func assessment(maximum: Int? = nil, coolDown: Int? = nil) -> Assessment {
        var assessment = Fixtures.assessment("listening-check")
        assessment.maximumAttempts = maximum
        assessment.coolDownHours = coolDown
        return assessment
    }

    @Test func retakesAreAllowedByDefaultHoweverManyTriesFailed() {
        #expect(
            Progression.attemptAvailability(Self.assessment(), attempts: Self.attempts([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), now: Self.now) == .available
        )
    }

    @Test(arguments: [
        ([Double](), AttemptAvailability.available),
        ([30], .available),
        ([24], .available),
        ([23], .waitUntil(now.addingTimeInterval(3600))),
        ([48, 2], .waitUntil(now.addingTimeInterval(22 * 3600))),
    ])
    func aCoolDownRunsFromTheLastTry(hoursAgo: [Double], expected: AttemptAvailability) {
        #expect(Progression.attemptAvailability(Self.assessment(coolDown: 24), attempts: Self.attempts(hoursAgo), now: Self.now) == expected)
    }

    @Test(arguments: [([Double](), AttemptAvailability.available), ([50], .available), ([50, 40], .noTriesLeft), ([50, 40, 30], .noTriesLeft)])
    func theMaximumNumberOfTriesIsCounted(hoursAgo: [Double], expected: AttemptAvailability) {
        #expect(Progression.attemptAvailability(Self.assessment(maximum: 2), attempts: Self.attempts(hoursAgo), now: Self.now) == expected)
    }

    @Test func triesAtOtherAssessmentsDoNotCount() {
        let others = Self.attempts([1, 1, 1], assessmentID: "boundaries-check")
        #expect(Progression.attemptAvailability(Self.assessment(maximum: 1, coolDown: 24), attempts: others, now: Self.now) == .available)
    }

    @Test func usingEveryTryAsksTheTraineeToTalkToTheirCoordinatorRatherThanLockingThemOut() {
        var programme = Fixtures.programme()
        programme.assessments["intro-check"]?.maximumAttempts = 2
        var journey = Journey(programme)
        journey.openTraining()
        journey.read("intro")
        journey.attempt("intro", percent: 20)
        #expect(journey.status().firstStep == "Try the check for \"Welcome to mentoring\" again. Only your best try counts.")
        journey.attempt("intro", percent: 30)
        let status = journey.status()
        #expect(
            status.nextSteps.first
                == NextStep(actor: .trainee, text: "Talk to your coordinator about the check for \"Welcome to mentoring\"",
                    staffText: "Their tries at the check for \"Welcome to mentoring\" are used up. You can allow one more try.", target: "module:intro")
        )
        #expect(status.stage == .inTraining)

        // The coordinator allows one more try, with a reason: the trainee can try again, once.
        journey.record(.anotherTryAllowed(assessmentID: "intro-check"), actor: "coordinator-1", reason: "Was unwell on the day")
        #expect(journey.status().firstStep == "Try the check for \"Welcome to mentoring\" again. Only your best try counts.")
        journey.attempt("intro", percent: 40)
        #expect(journey.status().firstStep == "Talk to your coordinator about the check for \"Welcome to mentoring\"")
    }

    @Test func extraTriesAreCountedPerAssessment() {
        let events = [
            TraineeEvent(
                sequence: 1,
                traineeID: "t",
                programmeID: "p",
                programmeVersion: "1",
                actorID: "c",
                at: Self.now,
                reason: "why",
                kind: .anotherTryAllowed(assessmentID: "listening-check")
            )
        ]
        #expect(Progression.extraTries(at: "listening-check", in: events) == 1)
        #expect(Progression.extraTries(at: "boundaries-check", in: events) == 0)
        let used = Self.attempts([50, 40])
        #expect(Progression.attemptAvailability(Self.assessment(maximum: 2), attempts: used, extraTries: 1, now: Self.now) == .available)
        #expect(
            Progression.attemptAvailability(Self.assessment(maximum: 2), attempts: used + Self.attempts([1]), extraTries: 1, now: Self.now)
                == .noTriesLeft
        )
    }

    @Test func duringACoolDownTheStepSaysToTakeABreakAndKeepsDatesOutOfTheWords() {
        var programme = Fixtures.programme()
        programme.assessments["intro-check"]?.coolDownHours = 24
        var journey = Journey(programme)
        journey.openTraining()
        journey.read("intro")
        journey.attempt("intro", percent: 20)
        #expect(journey.status().firstStep == "Take a short break, then try the check for \"Welcome to mentoring\" again")
        #expect(
            journey.status(now: journey.clock.addingTimeInterval(24 * 3600)).firstStep
                == "Try the check for \"Welcome to mentoring\" again. Only your best try counts."
        )
    }
}

/// Reflections written inside an assessment count as submissions, so nobody writes them twice.
@Suite struct ReflectionsInAttemptsTests {
    static func assessment() -> Assessment {
        var assessment = Fixtures.assessment("listening-check")
        assessment.questions.append(
            Question(
                id: "why-listen",
                points: 0,
                tags: [],
                prompt: [.text("Why listen first?")],
                kind: .reflection(guidance: [], minimumWords: 3),
                feedback: []
            )
        )
        return assessment
    }

    static func attempt(_ text: String) -> AttemptRecord {
        AttemptRecord(
            assessmentID: "listening-check",
            moduleID: "listening",
            answers: ["why-listen": .reflection(text)],
            points: [:],
            possiblePoints: 1,
            passMark: 70
        )
    }

    static func event(_ sequence: Int, _ kind: EventKind) -> TraineeEvent {
        TraineeEvent(
            sequence: sequence,
            traineeID: "t",
            programmeID: "p",
            programmeVersion: "1",
            actorID: "t",
            at: Fixtures.start,
            reason: nil,
            kind: kind
        )
    }

    @Test func aLongEnoughAnswerIsSubmittedOnce() {
        #expect(
            Progression.reflectionSubmissions(in: Self.attempt("  Because people open up.  "), of: Self.assessment(), history: [])
                == [.reflectionSubmitted(promptID: "why-listen", text: "Because people open up.")]
        )
        #expect(Progression.reflectionSubmissions(in: Self.attempt("Because."), of: Self.assessment(), history: []).isEmpty)
        #expect(Progression.reflectionSubmissions(in: Self.attempt("   "), of: Self.assessment(), history: []).isEmpty)
    }

    @Test func anAcceptedReflectionIsNotSentAgainButOneSentBackIs() {
        let accepted = [
            Self.event(1, .reflectionSubmitted(promptID: "why-listen", text: "First go at it")),
            Self.event(2, .reflectionReviewed(promptID: "why-listen", outcome: .accepted, feedback: "Good")),
        ]
        #expect(Progression.reflectionSubmissions(in: Self.attempt("Another go at it"), of: Self.assessment(), history: accepted).isEmpty)
        let sentBack = [
            Self.event(1, .reflectionSubmitted(promptID: "why-listen", text: "First go at it")),
            Self.event(2, .reflectionReviewed(promptID: "why-listen", outcome: .revisit, feedback: "Say more")),
        ]
        #expect(Progression.reflectionSubmissions(in: Self.attempt("Another go at it"), of: Self.assessment(), history: sentBack).count == 1)
    }
}
