import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Supervised practice: countersigned hours, the supervision gap and reviewed reflections.
@Suite struct PracticeTests {
    /// Training open and every module done, the one that opens practice last.
    static func inPractice() -> Journey {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.complete("intro", "listening", "extra", "boundaries")
        return journey
    }

    @Test func practiceOpensOnlyAfterItsModuleIsComplete() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.complete("intro", "listening")
        #expect(journey.status().stage == .inTraining)
        #expect(!journey.status().nextSteps.contains { $0.target.hasPrefix("practice:") })
        journey.complete("boundaries")
        #expect(journey.status().stage == .inPractice)
    }

    @Test func theFirstPracticeStepIsToLogHours() {
        let status = Self.inPractice().status()
        #expect(
            status.nextSteps.map(\.text) == [
                "Log your practice hours (0 of 20 so far)",
                "Book your next supervision session (0 of 2 so far)",
                "Write a reflection: \"What helps you feel heard?\"",
                "Write a reflection: \"When is silence useful?\"",
            ]
        )
    }

    @Test func practiceHoursCountOnlyOnceCountersigned() {
        var journey = Self.inPractice()
        journey.practise(hours: 8)
        journey.practise(hours: 12, countersigned: false)
        let waiting = journey.status()
        #expect(waiting.requirement("practice:hours")?.done == 8)
        #expect(waiting.firstStep == "Ask your supervisor to countersign 12 hours")
        #expect(!waiting.nextSteps.contains { $0.text.hasPrefix("Log your practice hours") })

        journey.countersign(entry: 2)
        let signed = journey.status()
        #expect(
            signed.requirement("practice:hours")
                == RequirementProgress(id: "practice:hours", title: "Countersigned practice hours", done: 20, needed: 20, isMet: true)
        )
        #expect(signed.firstStep == "Book your next supervision session (0 of 2 so far)")
    }

    @Test func loggingMoreHoursIsSuggestedUntilEnoughAreLogged() {
        var journey = Self.inPractice()
        journey.practise(hours: 12.5)
        journey.practise(hours: 1, countersigned: false)
        #expect(
            journey.status().nextSteps.prefix(2).map(\.text) == [
                "Ask your supervisor to countersign 1 hour",
                "Log your practice hours (12.5 of 20 so far)",
            ]
        )
    }

    @Test func supervisionIsDueTheMaximumGapAfterPracticeOpensThenAfterEachSession() {
        var journey = Self.inPractice()
        let opened = journey.clock
        #expect(journey.status().dates.supervisionDue == opened.addingTimeInterval(42 * Fixtures.day))

        journey.wait(days: 10)
        journey.supervise()
        let session = journey.clock
        #expect(journey.status().dates.supervisionDue == session.addingTimeInterval(42 * Fixtures.day))
    }

    @Test func supervisionOverdueIsWarnedAndBookingASessionBecomesTheFirstStep() {
        let journey = Self.inPractice()
        let due = journey.clock.addingTimeInterval(42 * Fixtures.day)
        let onTime = journey.status(now: due)
        #expect(onTime.warnings.isEmpty)

        let late = journey.status(now: due.addingTimeInterval(60))
        #expect(late.warnings == [.supervisionOverdue(since: due)])
        #expect(late.nextSteps.first == NextStep(actor: .trainee, text: "Book your next supervision session",
                    staffText: "Their supervision is overdue. They need to book their next session.", target: "practice:supervision"))
        #expect(late.nextSteps.filter { $0.target == "practice:supervision" }.count == 1)
    }

    @Test func noSupervisionDateIsKeptBeforePracticeOpens() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        #expect(journey.status(now: Fixtures.start.addingTimeInterval(400 * Fixtures.day)).dates.supervisionDue == nil)
        #expect(journey.status(now: Fixtures.start.addingTimeInterval(400 * Fixtures.day)).warnings.isEmpty)
    }

    @Test func aSubmittedReflectionWaitsForReviewAndACoordinatorIsAskedToReadIt() {
        var journey = Self.inPractice()
        journey.reflect("heard")
        let status = journey.status()
        #expect(status.warnings == [.reflectionAwaitingReview(promptID: "heard")])
        #expect(status.requirement("practice:reflections")?.done == 0)
        #expect(status.nextSteps.last == NextStep(actor: .coordinator, text: "A coordinator will read your reflection", staffText: "Read their reflection", target: "reflections"))
        #expect(
            status.nextSteps.filter { $0.text.hasPrefix("Write a reflection") }.map(\.text) == ["Write a reflection: \"When is silence useful?\""]
        )
    }

    @Test func anAcceptedReflectionCounts() {
        var journey = Self.inPractice()
        journey.reflect("heard")
        journey.review("heard", .accepted)
        let status = journey.status()
        #expect(status.warnings.isEmpty)
        #expect(
            status.requirement("practice:reflections")
                == RequirementProgress(id: "practice:reflections", title: "Accepted reflections", done: 1, needed: 2, isMet: false)
        )
    }

    @Test func aReflectionToRevisitIsOfferedBackAndCountsOnceAcceptedAfterRewriting() {
        var journey = Self.inPractice()
        journey.reflect("heard")
        journey.review("heard", .revisit)
        let revisit = journey.status()
        #expect(revisit.requirement("practice:reflections")?.done == 0)
        #expect(
            revisit.nextSteps.contains(
                NextStep(actor: .trainee, text: "Have another look at your reflection: \"What helps you feel heard?\"",
                    staffText: "They will have another look at their reflection: \"What helps you feel heard?\"", target: "reflection:heard")
            )
        )
        #expect(revisit.warnings.isEmpty)

        journey.reflect("heard")
        #expect(journey.status().warnings == [.reflectionAwaitingReview(promptID: "heard")])
        journey.review("heard", .accepted)
        #expect(journey.status().requirement("practice:reflections")?.done == 1)
    }

    @Test func aReflectionThatNeedsNoReviewCountsWhenWritten() {
        var programme = Fixtures.programme()
        programme.units["listening"]?.reflections[0].needsReview = false
        var journey = Journey(programme)
        journey.openTraining()
        journey.complete("intro", "listening", "boundaries")
        journey.reflect("heard")
        #expect(journey.status().requirement("practice:reflections")?.done == 1)
        #expect(journey.status().warnings.isEmpty)
    }
}

extension PracticeTests {
    @Test func practiceThatOpensWithTrainingInAProgrammeWithoutChecksIsDueSupervisionFromTheFirstEvent() {
        var programme = Fixtures.programme(recruitment: [])
        programme.practice?.opensAfter = nil
        var journey = Journey(programme)
        journey.apply()
        let status = journey.status()
        #expect(status.stage == .inPractice)
        #expect(status.dates.supervisionDue == journey.clock.addingTimeInterval(42 * Fixtures.day))
        #expect(status.firstStep == "Read \"Welcome to mentoring\"")
    }
}
