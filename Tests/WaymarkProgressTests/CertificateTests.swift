import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// Certificates: expiry, the 60-day warning, suspension, reinstatement, revocation and renewal.
@Suite struct CertificateTests {
    /// The test programme without a supervision gap, so long waits test only the certificate.
    static func programme() -> Programme {
        var programme = Fixtures.programme()
        programme.practice?.supervision?.maximumGapDays = nil
        return programme
    }

    /// A certified trainee and the date their certificate stops being valid.
    static func certified(validForDays: Double = 730) -> (journey: Journey, validUntil: Date) {
        var journey = Journey(Self.programme())
        journey.becomeEligible()
        journey.issue(validForDays: validForDays)
        return (journey, journey.clock.addingTimeInterval(validForDays * Fixtures.day))
    }

    static func utcMonths(_ months: Int, from date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.date(byAdding: .month, value: months, to: date)
    }

    @Test func aCertificateExpiresOnTheDayItsDatePassesWithNoJobNeeded() {
        let (journey, validUntil) = Self.certified()
        #expect(journey.status(now: validUntil.addingTimeInterval(-1)).stage == .certified)
        #expect(journey.status(now: validUntil).stage == .expired)
        #expect(journey.status(now: validUntil).dates.certificateValidUntil == validUntil)
    }

    @Test func aCertificateWithoutAnEndDateNeverExpires() {
        var journey = Journey(Self.programme())
        journey.becomeEligible()
        journey.issue(validForDays: nil)
        let status = journey.status(now: Fixtures.start.addingTimeInterval(5000 * Fixtures.day))
        #expect(status.stage == .certified)
        #expect(status.renewal == nil)
        #expect(status.nextSteps == [NextStep(actor: .trainee, text: "Well done. Your certificate is ready to share.", staffText: "Certified. Nothing is due just now.", target: "certificate")])
    }

    @Test(arguments: [(61.0, false), (60, true), (1, true), (0, false), (-5, false)])
    func aCertificateExpiringWithinSixtyDaysIsWarned(daysLeft: Double, warned: Bool) {
        let (journey, validUntil) = Self.certified()
        let status = journey.status(now: validUntil.addingTimeInterval(-daysLeft * Fixtures.day))
        #expect(status.warnings.contains(.certificateExpiring(on: validUntil)) == warned)
    }

    @Test(arguments: [
        (KeyDates(), [Warning]()),
        (KeyDates(supervisionDue: Fixtures.start), []),
        (KeyDates(supervisionDue: Fixtures.start.addingTimeInterval(-1)), [.supervisionOverdue(since: Fixtures.start.addingTimeInterval(-1))]),
        (
            KeyDates(supervisionDue: Fixtures.start.addingTimeInterval(-1), certificateValidUntil: Fixtures.start.addingTimeInterval(Fixtures.day)),
            [
                .supervisionOverdue(since: Fixtures.start.addingTimeInterval(-1)),
                .certificateExpiring(on: Fixtures.start.addingTimeInterval(Fixtures.day)),
            ]
        ),
        (KeyDates(certificateValidUntil: Fixtures.start.addingTimeInterval(90 * Fixtures.day)), []),
    ])
    func timeWarningsComeFromTheKeyDatesAlone(dates: KeyDates, expected: [Warning]) {
        #expect(Progression.timeWarnings(dates, now: Fixtures.start) == expected)
    }

    @Test func suspensionPutsTheCertificateOnHoldAndReinstatementLiftsIt() {
        var (journey, _) = Self.certified()
        journey.record(.certificateSuspended(code: "CERT-1"), actor: "coordinator-1", reason: "Concern raised")
        let suspended = journey.status()
        #expect(suspended.stage == .suspended)
        #expect(suspended.firstStep == "Your certificate is on hold for now. Talk to your coordinator about what happens next.")
        #expect(suspended.nextSteps.last?.actor == .coordinator)

        journey.record(.certificateReinstated(code: "CERT-1"), actor: "coordinator-1", reason: "Resolved")
        #expect(journey.status().stage == .certified)
    }

    @Test func revocationIsFinalEvenIfAReinstatementFollows() {
        var (journey, _) = Self.certified()
        journey.record(.certificateRevoked(code: "CERT-1"), actor: "coordinator-1", reason: "Serious concern")
        journey.record(.certificateReinstated(code: "CERT-1"), actor: "coordinator-1")
        let status = journey.status()
        #expect(status.stage == .revoked)
        #expect(status.renewal == nil)
        #expect(status.dates.certificateValidUntil == nil)
        #expect(status.firstStep == "Your certificate is no longer valid. Talk to your coordinator about what happens next.")
    }

    @Test func suspendingAnOlderCertificateCodeDoesNotTouchTheCurrentOne() {
        var (journey, _) = Self.certified()
        journey.record(.certificateSuspended(code: "SOMETHING-ELSE"), actor: "coordinator-1")
        #expect(journey.status().stage == .certified)
    }

    @Test func renewalOpensSomeMonthsBeforeExpiryAndAsksForCPDAndARefresher() throws {
        var (journey, validUntil) = Self.certified()
        journey.record(.cpdLogged(on: journey.clock, hours: 4, activity: "Trauma-informed practice"))
        let opensOn = try #require(Self.utcMonths(-3, from: validUntil))
        let before = journey.status(now: opensOn.addingTimeInterval(-1))
        #expect(before.renewal?.opensOn == opensOn)
        #expect(before.renewal?.isOpen == false)
        #expect(before.nextSteps == [NextStep(actor: .trainee, text: "Well done. Your certificate is ready to share.", staffText: "Certified. Nothing is due just now.", target: "certificate")])

        let open = journey.status(now: opensOn)
        #expect(open.stage == .certified)
        #expect(
            open.renewal?.requirements == [
                RequirementProgress(id: "renewal:cpd", title: "CPD hours since your certificate", done: 4, needed: 10, isMet: false),
                RequirementProgress(
                    id: "renewal:module:listening",
                    title: "Refresher check: \"Listening without judging\"",
                    done: 0,
                    needed: 1,
                    isMet: false
                ),
            ]
        )
        #expect(
            open.nextSteps.map(\.text) == [
                "Log your CPD hours, the learning you do to keep your skills fresh (4 of 10 so far)",
                "Take the refresher check for \"Listening without judging\"",
            ]
        )
    }

    @Test func onlyCPDAfterTheCertificateAndARefresherAfterRenewalOpensCount() throws {
        var journey = Journey(Self.programme())
        journey.becomeEligible()
        journey.record(.cpdLogged(on: journey.clock, hours: 10, activity: "Before the certificate"))
        journey.issue(validForDays: 200)
        journey.attempt("listening", percent: 100)
        let validUntil = try #require(journey.status().dates.certificateValidUntil)
        let opensOn = try #require(Self.utcMonths(-3, from: validUntil))
        #expect(journey.clock < opensOn)

        journey.wait(days: 150)
        let status = journey.status()
        #expect(status.renewal?.isOpen == true)
        #expect(status.renewal?.requirements.map(\.done) == [0, 0])

        journey.record(.cpdLogged(on: journey.clock, hours: 6, activity: "Course"))
        journey.record(.cpdLogged(on: journey.clock, hours: 4, activity: "Conference"))
        journey.attempt("listening", percent: 50)
        #expect(journey.status().firstStep == "Take the refresher check for \"Listening without judging\"")
        journey.attempt("listening", percent: 80)
        let met = journey.status()
        #expect(met.renewal?.isMet == true)
        #expect(met.nextSteps == [NextStep(actor: .coordinator, text: "A coordinator will renew your certificate", staffText: "Renew their certificate", target: "certificate")])
    }

    @Test func anExpiredCertificateCanStillBeRenewedAndRenewalMakesItCurrentAgain() {
        var (journey, validUntil) = Self.certified(validForDays: 100)
        journey.wait(days: 120)
        let expired = journey.status()
        #expect(expired.stage == .expired)
        #expect(expired.renewal?.isOpen == true)
        #expect(expired.firstStep == "Log your CPD hours, the learning you do to keep your skills fresh (0 of 10 so far)")

        journey.record(.cpdLogged(on: journey.clock, hours: 10, activity: "Course"))
        journey.attempt("listening", percent: 100)
        #expect(journey.status().stage == .expired)
        #expect(journey.status().firstStep == "A coordinator will renew your certificate")

        let newUntil = validUntil.addingTimeInterval(730 * Fixtures.day)
        journey.record(.certificateRenewed(previousCode: "CERT-1", code: "CERT-2", validUntil: newUntil), actor: "coordinator-1")
        let renewed = journey.status()
        #expect(renewed.stage == .certified)
        #expect(renewed.dates.certificateValidUntil == newUntil)
        #expect(renewed.renewal?.isOpen == false)
        #expect(renewed.renewal?.requirements.map(\.done) == [0, 0])
    }

    @Test func anExpiredCertificateWithNoRenewalRuleAsksTheHolderToTalkToTheirCoordinator() {
        var programme = Self.programme()
        programme.certificate.renewal = nil
        var journey = Journey(programme)
        journey.becomeEligible()
        journey.issue(validForDays: 10)
        journey.wait(days: 20)
        #expect(journey.status().firstStep == "Your certificate has ended. Talk to your coordinator about renewing it.")
    }

    @Test func aCertifiedMentorIsStillFlaggedWhenSupervisionIsOverdue() {
        var journey = Journey(Fixtures.programme())
        journey.becomeEligible()
        journey.issue()
        let lastSession = journey.events.last { if case .supervisionRecorded = $0.kind { true } else { false } }?.at
        let due = lastSession?.addingTimeInterval(42 * Fixtures.day)
        let status = journey.status(now: Fixtures.start.addingTimeInterval(100 * Fixtures.day))
        #expect(status.stage == .certified)
        #expect(status.dates.supervisionDue == due)
        #expect(status.warnings == due.map { [.supervisionOverdue(since: $0)] })
        #expect(status.firstStep == "Book your next supervision session")
    }
}
