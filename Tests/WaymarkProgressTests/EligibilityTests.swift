import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Eligibility for a certificate lists what is still missing in plain words.
@Suite struct EligibilityTests {
    @Test func theMissingListNamesWhatIsLeftAsCountableSteps() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.complete("intro", "listening", "boundaries")
        journey.practise(hours: 12)
        journey.supervise()
        let eligibility = journey.status().eligibility
        #expect(!eligibility.isEligible)
        #expect(eligibility.missing == ["8 more countersigned practice hours", "1 more supervision session", "2 more accepted reflections"])
    }

    @Test func unfinishedModulesAndRecruitmentAreListedByName() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.check("references")
        journey.complete("intro")
        #expect(
            journey.status().eligibility.missing == [
                "Application form recorded",
                "References: 1 of 2 recorded",
                "A decision to start training",
                "Finish \"Listening without judging\"",
                "Finish \"Keeping good boundaries\"",
                "20 more countersigned practice hours",
                "2 more supervision sessions",
                "2 more accepted reflections",
            ]
        )
    }

    @Test func someoneWhoHasDoneEverythingIsEligibleAndACoordinatorIssuesTheCertificate() {
        var journey = Journey(Fixtures.programme())
        journey.becomeEligible()
        let status = journey.status()
        #expect(status.eligibility == Eligibility(isEligible: true, missing: []))
        #expect(status.stage == .eligible)
        #expect(status.nextSteps == [NextStep(actor: .coordinator, text: "A coordinator will issue your certificate", staffText: "Issue their certificate", target: "certificate")])
    }

    @Test func aProgrammeWithoutPracticeIsEligibleOnceTheModulesAreDone() {
        var programme = Fixtures.programme()
        programme.practice = nil
        var journey = Journey(programme)
        journey.openTraining()
        journey.complete("intro", "listening")
        #expect(journey.status().eligibility.missing == ["Finish \"Keeping good boundaries\""])
        journey.complete("boundaries")
        #expect(journey.status().stage == .eligible)
        #expect(journey.status().requirement("practice:hours") == nil)
    }

    @Test func aCertificateHolderIsNotEligibleForAnotherCertificate() {
        var journey = Journey(Fixtures.programme())
        journey.becomeEligible()
        journey.issue()
        #expect(journey.status().eligibility == Eligibility(isEligible: false, missing: []))
    }
}
