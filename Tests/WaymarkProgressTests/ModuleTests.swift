import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Modules: reading and passing, prerequisites, and modules open to applicants.
@Suite struct ModuleTests {
    @Test func prerequisitesUnlockModulesInTurn() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        #expect(journey.status().nextSteps.map(\.target) == ["module:intro"])

        journey.complete("intro")
        #expect(journey.status().nextSteps.map(\.text) == ["Read \"Listening without judging\"", "Read \"Going further\""])

        journey.complete("listening")
        #expect(journey.status().firstStep == "Read \"Keeping good boundaries\"")
    }

    @Test func aModuleIsReadThenPassedInTwoCountableSteps() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        #expect(
            journey.status().requirement("module:intro")
                == RequirementProgress(id: "module:intro", title: "Welcome to mentoring", done: 0, needed: 2, isMet: false)
        )

        journey.read("intro")
        #expect(journey.status().requirement("module:intro")?.done == 1)
        #expect(journey.status().firstStep == "Take the check for \"Welcome to mentoring\"")

        journey.attempt("intro", percent: 40)
        #expect(journey.status().requirement("module:intro")?.isMet == false)
        #expect(journey.status().firstStep == "Try the check for \"Welcome to mentoring\" again. Only your best try counts.")

        journey.attempt("intro", percent: 70)
        #expect(
            journey.status().requirement("module:intro")
                == RequirementProgress(id: "module:intro", title: "Welcome to mentoring", done: 2, needed: 2, isMet: true)
        )
    }

    @Test func passingTheCheckWithoutReadingLeavesTheReadingAsTheNextStep() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.attempt("intro", percent: 100)
        #expect(journey.status().requirement("module:intro")?.done == 1)
        #expect(journey.status().firstStep == "Read \"Welcome to mentoring\"")
    }

    @Test func aModuleWithoutAnAssessmentIsCompleteWhenRead() {
        let programme = Fixtures.programme(modules: [Fixtures.module("intro", assessed: false), Fixtures.module("boundaries", requires: ["intro"])])
        var journey = Journey(programme)
        journey.openTraining()
        journey.read("intro")
        let status = journey.status()
        #expect(
            status.requirement("module:intro")
                == RequirementProgress(id: "module:intro", title: "Welcome to mentoring", done: 1, needed: 1, isMet: true)
        )
        #expect(status.firstStep == "Read \"Keeping good boundaries\"")
    }

    @Test func theBestAttemptCountsSoALaterLowerScoreDoesNotUndoAPass() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.read("intro")
        journey.attempt("intro", percent: 40)
        journey.attempt("intro", percent: 90)
        journey.attempt("intro", percent: 10)
        #expect(journey.status().requirement("module:intro")?.isMet == true)
    }

    @Test func aModuleOpenToApplicantsCanBeFinishedBeforeTrainingOpensButUnlocksNothingYet() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.complete("intro")
        let status = journey.status()
        #expect(status.stage == .applicant)
        #expect(status.requirement("module:intro")?.isMet == true)
        #expect(!status.nextSteps.contains { $0.target.hasPrefix("module:") })
        #expect(status.firstStep == "A coordinator will record your application form")
    }

    @Test func aModuleNotOpenToApplicantsIsNotOfferedBeforeTrainingOpens() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.check("application")
        #expect(journey.status().nextSteps.filter { $0.actor == .trainee }.map(\.target) == ["module:intro"])
    }

    @Test func anOptionalModuleIsShownAsOptionalAndNotNeededForTheCertificate() {
        var journey = Journey(Fixtures.programme())
        journey.becomeEligible()
        let status = journey.status()
        #expect(
            status.requirement("module:extra")
                == RequirementProgress(id: "module:extra", title: "Going further (optional)", done: 0, needed: 2, isMet: false)
        )
        #expect(status.stage == .eligible)
    }
}

extension ModuleTests {
    @Test func optionalModulesAreSuggestedAfterWhatTheCertificateNeeds() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.complete("intro", "listening", "boundaries")
        let steps = journey.status().nextSteps.map(\.text)
        #expect(steps.first == "Log your practice hours (0 of 20 so far)")
        #expect(steps.last == "Read \"Going further\"")
    }
}
