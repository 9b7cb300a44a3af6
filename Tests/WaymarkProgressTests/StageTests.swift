import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Every stage, and which one wins when several could apply.
@Suite struct StageTests {
    /// A named way to build a record.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var stage: Stage
        var build: @Sendable (inout Journey) -> Void
        var testDescription: String { name }
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "no events yet", stage: .applicant) { _ in },
        Scenario(name: "applied", stage: .applicant) { $0.apply() },
        Scenario(name: "a check recorded", stage: .inRecruitment) {
            $0.apply()
            $0.check("application")
        },
        Scenario(name: "a decision recorded", stage: .inRecruitment) {
            $0.apply()
            $0.decide(.notYet)
        },
        Scenario(name: "checks complete, found suitable", stage: .inTraining) { $0.openTraining() },
        Scenario(name: "the module that opens practice done", stage: .inPractice) {
            $0.openTraining()
            $0.complete("intro", "listening", "boundaries")
        },
        Scenario(name: "everything done", stage: .eligible) { $0.becomeEligible() },
        Scenario(name: "certificate issued", stage: .certified) {
            $0.becomeEligible()
            $0.issue()
        },
        Scenario(name: "certificate past its date", stage: .expired) {
            $0.becomeEligible()
            $0.issue(validForDays: 10)
            $0.wait(days: 11)
        },
        Scenario(name: "certificate suspended", stage: .suspended) {
            $0.becomeEligible()
            $0.issue()
            $0.record(.certificateSuspended(code: "CERT-1"), actor: "coordinator-1", reason: "Concern raised")
        },
        Scenario(name: "certificate revoked", stage: .revoked) {
            $0.becomeEligible()
            $0.issue()
            $0.record(.certificateRevoked(code: "CERT-1"), actor: "coordinator-1", reason: "Serious concern")
        },
        Scenario(name: "revoked beats expired", stage: .revoked) {
            $0.becomeEligible()
            $0.issue(validForDays: 10)
            $0.record(.certificateRevoked(code: "CERT-1"))
            $0.wait(days: 30)
        },
        Scenario(name: "paused", stage: .paused) {
            $0.openTraining()
            $0.record(.paused, reason: "Family")
        },
        Scenario(name: "paused beats certified", stage: .paused) {
            $0.becomeEligible()
            $0.issue()
            $0.record(.paused)
        },
        Scenario(name: "resumed", stage: .inTraining) {
            $0.openTraining()
            $0.record(.paused)
            $0.record(.resumed)
        },
        Scenario(name: "paused again after resuming", stage: .paused) {
            $0.openTraining()
            $0.record(.paused)
            $0.record(.resumed)
            $0.record(.paused)
        },
        Scenario(name: "withdrawn", stage: .withdrawn) {
            $0.openTraining()
            $0.record(.withdrawn, reason: "Moved away")
        },
        Scenario(name: "withdrawn beats paused", stage: .withdrawn) {
            $0.openTraining()
            $0.record(.paused)
            $0.record(.withdrawn)
        },
    ]

    @Test(arguments: scenarios)
    func theStageIsTheFirstThatHolds(scenario: Scenario) {
        var journey = Journey(Fixtures.programme())
        scenario.build(&journey)
        #expect(journey.status().stage == scenario.stage)
    }

    @Test func everyStageIsReachedByAScenario() {
        #expect(Set(Self.scenarios.map(\.stage)) == Set(Stage.allCases))
    }

    @Test func eventsArrivingOutOfOrderAreReadBySequence() {
        var journey = Journey(Fixtures.programme())
        journey.openTraining()
        journey.complete("intro")
        journey.record(.paused)
        journey.record(.resumed)
        let inOrder = journey.status()
        let shuffled = Progression.evaluate(journey.programme, journey.events.reversed(), now: journey.clock.addingTimeInterval(3600))
        #expect(shuffled == inOrder)
        #expect(shuffled.stage == .inTraining)
    }

    @Test func eventsForAnotherProgrammeAreIgnored() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        var other = journey.events[0]
        other.sequence = 2
        other.programmeID = "volunteer-induction"
        other.kind = .withdrawn
        let status = Progression.evaluate(journey.programme, journey.events + [other], now: journey.clock)
        #expect(status.stage == .applicant)
        #expect(status.dates.lastActivity == journey.events[0].at)
    }

    @Test func lastActivityIsTheTimeOfTheLatestEvent() {
        var journey = Journey(Fixtures.programme())
        journey.apply()
        journey.wait(days: 3)
        journey.check("application")
        #expect(journey.status().dates.lastActivity == Fixtures.start.addingTimeInterval(3 * Fixtures.day + 2 * 3600))
    }
}

extension StageTests {
    @Test(arguments: scenarios)
    func everyStageOffersAFirstStepInPlainKindWords(scenario: Scenario) {
        var journey = Journey(Fixtures.programme())
        scenario.build(&journey)
        let steps = journey.status().nextSteps
        #expect(!steps.isEmpty)
        for step in steps {
            #expect(!step.text.isEmpty && !step.target.isEmpty)
            for word in ["offender", "fail", "must", "overdue", "penalty"] {
                #expect(!step.text.lowercased().contains(word), "\(step.text)")
            }
        }
    }
}
