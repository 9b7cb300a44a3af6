import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Pausing never loses progress; withdrawing and erasure change nothing that was done.
@Suite struct PauseAndWithdrawalTests {
    static func halfwayThrough() -> Journey {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.complete("intro", "listening", "boundaries")
        journey.practise(hours: 6)
        journey.supervise()
        journey.reflect("heard")
        journey.review("heard", .accepted)
        return journey
    }

    @Test func pausingKeepsEveryRequirementExactlyAsItWas() {
        var journey = Self.halfwayThrough()
        let before = journey.status()
        journey.record(.paused, reason: "Family matters")
        let paused = journey.status()
        #expect(paused.stage == .paused)
        #expect(paused.requirements == before.requirements)
        #expect(paused.eligibility == before.eligibility)
        #expect(paused.nextSteps == [NextStep(actor: .trainee, text: "Come back when you are ready. Your progress is saved.", staffText: "They are taking a pause. Their progress is saved for when they come back.", target: "programme")])
    }

    @Test func aPausedTraineeIsNotFlaggedForSupervision() {
        var journey = Self.halfwayThrough()
        journey.record(.paused)
        let status = journey.status(now: journey.clock.addingTimeInterval(200 * Fixtures.day))
        #expect(status.dates.supervisionDue == nil)
        #expect(status.warnings.isEmpty)
    }

    @Test func resumingPicksUpWhereTheyLeftOff() {
        var journey = Self.halfwayThrough()
        let before = journey.status()
        journey.record(.paused)
        journey.wait(days: 20)
        journey.record(.resumed)
        let resumed = journey.status()
        #expect(resumed.stage == .inPractice)
        #expect(resumed.requirements == before.requirements)
        #expect(resumed.firstStep == "Log your practice hours (6 of 20 so far)")
    }

    @Test func withdrawingKeepsTheRecordAndLeavesTheDoorOpen() {
        var journey = Self.halfwayThrough()
        let before = journey.status()
        journey.record(.withdrawn, reason: "New job")
        let status = journey.status()
        #expect(status.stage == .withdrawn)
        #expect(status.requirements == before.requirements)
        #expect(
            status.nextSteps == [
                NextStep(actor: .trainee, text: "If you want to come back, talk to your coordinator. Your progress is saved.",
                    staffText: "They have left the programme. Their progress is saved if they come back.", target: "programme")
            ]
        )
        #expect(status.dates.supervisionDue == nil)
    }

    @Test func erasingPersonalDataChangesNothingInProgress() {
        var journey = Self.halfwayThrough()
        let before = journey.status(now: Fixtures.start.addingTimeInterval(30 * Fixtures.day))
        journey.record(.personalDataErased, actor: "admin-1", reason: "Request from the trainee")
        var after = journey.status(now: Fixtures.start.addingTimeInterval(30 * Fixtures.day))
        #expect(after.dates.lastActivity == journey.clock)
        after.dates.lastActivity = before.dates.lastActivity
        #expect(after == before)
    }
}
