import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// A new programme version never erases work: progress is keyed by ids.
@Suite struct CurriculumChangeTests {
    /// Version 1 of the programme, with a trainee partway through it.
    static func partway() -> Journey {
        var journey = Journey(Fixtures.programme(version: "1"))
        journey.openTraining()
        journey.complete("intro", "listening", "extra")
        return journey
    }

    /// The same events read under another programme version.
    static func status(_ journey: Journey, under programme: Programme) -> TraineeStatus {
        Progression.evaluate(programme, journey.events, now: journey.clock.addingTimeInterval(3600))
    }

    @Test func aCompletedModuleThatWasRemovedShowsAsNoLongerRequired() {
        let version2 = Fixtures.programme(
            version: "2",
            modules: [Fixtures.module("intro", openToApplicants: true), Fixtures.module("boundaries", requires: ["intro"])]
        )
        let status = Self.status(Self.partway(), under: version2)
        #expect(
            status.requirements.filter { $0.id.hasPrefix("module:") }.map(\.id) == [
                "module:intro", "module:boundaries", "module:listening", "module:extra",
            ]
        )
        #expect(
            status.requirement("module:listening")
                == RequirementProgress(id: "module:listening", title: "listening", done: 2, needed: 2, isMet: true, isNoLongerRequired: true)
        )
        #expect(status.requirement("module:intro")?.isMet == true)
        #expect(status.firstStep == "Read \"Keeping good boundaries\"")
    }

    @Test func aModuleThatWasReadButNeverPassedIsNotShownOnceRemoved() {
        var journey = Self.partway()
        journey.read("boundaries")
        let version2 = Fixtures.programme(version: "2", modules: [Fixtures.module("intro"), Fixtures.module("listening", requires: ["intro"])])
        #expect(Self.status(journey, under: version2).requirement("module:boundaries") == nil)
    }

    @Test func aNewRequiredModuleBecomesTheNextStep() {
        var modules = Fixtures.programme().modules
        modules.insert(Fixtures.module("safety", requires: ["intro"]), at: 1)
        let version2 = Fixtures.programme(version: "2", modules: modules)
        let status = Self.status(Self.partway(), under: version2)
        #expect(
            status.requirement("module:safety") == RequirementProgress(id: "module:safety", title: "Unit safety", done: 0, needed: 2, isMet: false)
        )
        #expect(status.requirement("module:listening")?.isMet == true)
        #expect(status.firstStep == "Read \"Unit safety\"")
        #expect(status.nextSteps.map(\.target).prefix(2) == ["module:safety", "module:boundaries"])
    }

    @Test func aNewRequiredModuleTakesAnEligibleTraineeBackToWorkWithoutLosingAnything() {
        var journey = Journey(Fixtures.programme(version: "1"))
        journey.becomeEligible()
        var modules = Fixtures.programme().modules
        modules.append(Fixtures.module("safety", requires: ["intro"]))
        let status = Self.status(journey, under: Fixtures.programme(version: "2", modules: modules))
        #expect(status.stage == .inPractice)
        #expect(status.eligibility.missing == ["Finish \"Unit safety\""])
        #expect(status.requirement("practice:hours")?.isMet == true)
    }

    @Test func aStricterPassMarkDoesNotFailAnAttemptThatPassedWhenItWasTaken() {
        var journey = Journey(Fixtures.programme(version: "1"))
        journey.openTraining()
        journey.read("intro")
        journey.attempt("intro", percent: 75)
        var version2 = Fixtures.programme(version: "2")
        version2.assessments["intro-check"]?.passMark = 90
        let status = Self.status(journey, under: version2)
        #expect(status.requirement("module:intro")?.isMet == true)
        #expect(status.firstStep == "Read \"Listening without judging\"")
    }

    @Test func aLowerPassMarkDoesNotPassAnAttemptThatFailedWhenItWasTaken() {
        var journey = Journey(Fixtures.programme(version: "1"))
        journey.openTraining()
        journey.read("intro")
        journey.attempt("intro", percent: 60)
        var version2 = Fixtures.programme(version: "2")
        version2.assessments["intro-check"]?.passMark = 50
        #expect(Self.status(journey, under: version2).requirement("module:intro")?.isMet == false)
    }

    @Test func aModuleWhoseAssessmentWasReplacedKeepsItsPass() {
        var version2 = Fixtures.programme(version: "2")
        version2.modules[0].assessmentID = "intro-check-2026"
        version2.assessments["intro-check-2026"] = Fixtures.assessment("intro-check-2026", passMark: 80)
        #expect(Self.status(Self.partway(), under: version2).requirement("module:intro")?.isMet == true)
    }
}
