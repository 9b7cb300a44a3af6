import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Recruitment checks and the suitability decision open training.
@Suite struct RecruitmentTests {
    @Test func anApplicantIsInvitedToStartTheModuleOpenToApplicantsWhileCoordinatorsDoTheChecks() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        let status = journey.status()
        #expect(status.stage == .applicant)
        #expect(
            status.nextSteps == [
                NextStep(actor: .trainee, text: "Read \"Welcome to mentoring\"", staffText: "They will read \"Welcome to mentoring\"", target: "module:intro"),
                NextStep(actor: .coordinator, text: "A coordinator will record your application form", staffText: "Record their application form", target: "check:application"),
                NextStep(actor: .coordinator, text: "A coordinator will record your references (0 of 2)", staffText: "Record their references (0 of 2)", target: "check:references"),
                NextStep(actor: .coordinator, text: "A coordinator will talk with you about starting training",
                    staffText: "Talk with them about starting training, then record the suitability decision", target: "decision:suitability"),
            ]
        )
    }

    @Test func anApplicationCheckIsDoneOnceTheApplicantSendsTheForm() {
        let checks = [
            RecruitmentCheck(id: "application", title: "Application form", count: 1, kind: .application),
            RecruitmentCheck(id: "references", title: "References", count: 2, kind: .standard),
        ]
        var journey = Journey(Fixtures.programme(recruitment: checks))
        #expect(journey.status().requirement("check:application")?.isMet == false)
        journey.apply()
        let status = journey.status()
        #expect(
            status.requirement("check:application")
                == RequirementProgress(id: "check:application", title: "Application form", done: 1, needed: 1, isMet: true)
        )
        #expect(!status.nextSteps.contains { $0.target == "check:application" }, "the application is sent, but still waits for someone")
    }

    @Test func someoneWithNoRecordIsAskedToApply() {
        #expect(Journey(Fixtures.programme()).status().firstStep == "Send in your application")
    }

    @Test func referencesNeedTwoCompleteRecords() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.check("application")
        journey.check("references")
        journey.check("references", .needsFollowUp)
        journey.decide(.suitable)
        let status = journey.status()
        #expect(status.stage == .inRecruitment)
        #expect(
            status.requirement("check:references")
                == RequirementProgress(id: "check:references", title: "References", done: 1, needed: 2, isMet: false)
        )
        #expect(
            status.nextSteps.contains(
                NextStep(actor: .coordinator, text: "A coordinator will record your references (1 of 2)", staffText: "Record their references (1 of 2)", target: "check:references")
            )
        )

        journey.check("references")
        #expect(journey.status().stage == .inTraining)
        #expect(journey.status().requirement("check:references")?.isMet == true)
    }

    @Test func notYetKeepsTrainingClosedUntilALaterDecisionSaysSuitable() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.check("application")
        journey.check("references")
        journey.check("references")
        journey.decide(.notYet)
        let waiting = journey.status()
        #expect(waiting.stage == .inRecruitment)
        #expect(waiting.requirement("decision:suitability")?.isMet == false)
        #expect(
            waiting.nextSteps.last
                == NextStep(
                    actor: .coordinator,
                    text: "Your coordinator will talk with you again about starting training",
                    staffText: "Talk with them again about starting training",
                    target: "decision:suitability"
                )
        )

        journey.decide(.suitable)
        let open = journey.status()
        #expect(open.stage == .inTraining)
        #expect(open.requirement("decision:suitability")?.isMet == true)
        #expect(open.firstStep == "Read \"Welcome to mentoring\"")
    }

    @Test func aSuitableDecisionBeforeTheChecksAreDoneDoesNotOpenTraining() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.decide(.suitable)
        journey.complete("intro")
        let status = journey.status()
        #expect(status.stage == .inRecruitment)
        #expect(status.firstStep == "A coordinator will record your application form")
        #expect(!status.nextSteps.contains { $0.target == "module:listening" })
    }

    @Test func aProgrammeWithoutRecruitmentChecksIsOpenToTrainingFromTheStart() {
        var journey = Journey(Fixtures.programme(recruitment: []))
        journey.apply()
        let status = journey.status()
        #expect(status.stage == .inTraining)
        #expect(status.requirement("decision:suitability") == nil)
        #expect(status.requirements.first?.id == "module:intro")
        #expect(status.firstStep == "Read \"Welcome to mentoring\"")
    }
}
