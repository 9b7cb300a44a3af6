import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// What a trainee may do follows the same rules as their stage: links a page hides must not
/// work by their address either.
@Suite struct AccessTests {
    private func access(_ journey: Journey, now: Date? = nil) -> TraineeAccess {
        Progression.access(journey.programme, journey.events, now: now ?? journey.clock.addingTimeInterval(3600))
    }

    @Test func anApplicantMayOnlyOpenModulesOpenToApplicants() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        let access = access(journey)
        #expect(access.refusal(.readUnit(moduleID: "intro")) == nil)
        #expect(access.refusal(.sendCheck(moduleID: "intro")) == nil)
        #expect(access.refusal(.readUnit(moduleID: "listening")) == .waitingForRecruitment)
        #expect(access.refusal(.sendCheck(moduleID: "boundaries")) == .waitingForRecruitment)
        #expect(access.refusal(.writeReflection(promptID: "heard")) == .waitingForRecruitment)
        #expect(access.refusal(.logPractice) == .waitingForRecruitment)
        #expect(access.refusal(.readUnit(moduleID: "no-such-module")) == .unknown)
        #expect(access.refusal(.writeReflection(promptID: "no-such-prompt")) == .unknown)
    }

    @Test func aModuleWaitsForTheModulesItRequires() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        #expect(access(journey).refusal(.readUnit(moduleID: "listening")) == .finishFirst([ModuleName(id: "intro", title: "Welcome to mentoring")]))
        journey.complete("intro")
        #expect(access(journey).refusal(.readUnit(moduleID: "listening")) == nil)
        #expect(access(journey).refusal(.writeReflection(promptID: "heard")) == nil)
        #expect(
            access(journey).refusal(.logPractice)
                == .practiceNotOpen(after: ModuleName(id: "boundaries", title: "Keeping good boundaries"))
        )
        journey.complete("listening", "boundaries")
        #expect(access(journey).refusal(.logPractice) == nil)
    }

    @Test func aCheckOutOfTriesOrCoolingDownIsRefused() {
        var programme = Fixtures.programme()
        programme.assessments["intro-check"]?.maximumAttempts = 2
        programme.assessments["intro-check"]?.coolDownHours = 2
        var journey = Journey(programme)
        journey.attempt("intro", percent: 10)
        let soon = journey.clock.addingTimeInterval(1800)
        #expect(access(journey, now: soon).refusal(.sendCheck(moduleID: "intro")) == .coolingDown(until: journey.clock.addingTimeInterval(7200)))
        #expect(access(journey, now: soon).refusal(.openCheck(moduleID: "intro")) == nil)
        journey.wait(days: 1)
        journey.attempt("intro", percent: 10)
        journey.wait(days: 1)
        #expect(access(journey).refusal(.sendCheck(moduleID: "intro")) == .noTriesLeft)
        journey.record(.anotherTryAllowed(assessmentID: "intro-check"), actor: "coordinator-1")
        #expect(access(journey).refusal(.sendCheck(moduleID: "intro")) == nil)
    }

    @Test func aProgrammeWithoutPracticeRefusesPracticeHours() {
        var programme = Fixtures.programme()
        programme.practice = nil
        var journey = Journey(programme)
        journey.openTraining()
        #expect(access(journey).refusal(.logPractice) == .noPractice)
    }
}
