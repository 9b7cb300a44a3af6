import Foundation
import Testing
import WaymarkProgress

/// Events are stored as JSON; every kind must come back exactly as it went in.
@Suite struct EventCodingTests {
    static let at = Date(timeIntervalSince1970: 1_790_000_000)

    static let kinds: [EventKind] = [
        .applicationSubmitted,
        .checkRecorded(checkID: "references", outcome: .complete, note: "Second reference from a tutor"),
        .suitabilityDecided(decision: .notYet, revisitOn: at.addingTimeInterval(86_400 * 30)),
        .unitRead(moduleID: "listening"),
        .assessmentAttempted(
            AttemptRecord(
                assessmentID: "role-check",
                moduleID: "role",
                answers: [
                    "a": .choice("a"), "b": .choices(["a", "b"]), "c": .trueFalse(false), "d": .text("mentee"), "e": .number(20),
                    "f": .matches(["p1": "Listens"]), "g": .order(["x", "y"]), "h": .reflection("I think..."),
                ],
                points: ["a": 1, "b": 0.5],
                possiblePoints: 2,
                passMark: 70
            )
        ),
        .reflectionSubmitted(promptID: "why-mentor", text: "Because <script>"),
        .reflectionReviewed(promptID: "why-mentor", outcome: .revisit, feedback: "Say more about why."),
        .practiceLogged(entryID: "e1", on: at, hours: 2.5, setting: "Drop-in centre"),
        .practiceCountersigned(entryID: "e1"),
        .supervisionRecorded(on: at, minutes: 60, supervisorID: "s1", wellbeing: .someConcerns),
        .cpdLogged(on: at, hours: 3, activity: "Trauma-informed practice course"),
        .certificateIssued(code: "WM-7KQ2-9XHP-3D8M-TB4N-Q", validUntil: at),
        .certificateRenewed(previousCode: "A", code: "B", validUntil: nil),
        .certificateSuspended(code: "A"), .certificateReinstated(code: "A"), .certificateRevoked(code: "A"),
        .anotherTryAllowed(assessmentID: "listening-check"), .paused, .resumed, .withdrawn, .personalDataErased,
    ]

    @Test(arguments: kinds)
    func everyKindSurvivesAJSONRoundTrip(kind: EventKind) throws {
        let event = TraineeEvent(
            sequence: 3,
            traineeID: "t1",
            programmeID: "peer-mentoring",
            programmeVersion: "2026.1",
            actorID: "c1",
            at: Self.at,
            reason: "because",
            kind: kind
        )
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(TraineeEvent.self, from: data) == event)
    }

    @Test func anAttemptPassesByThePassMarkItWasTakenUnder() {
        let attempt = AttemptRecord(assessmentID: "a", moduleID: "m", answers: [:], points: ["q1": 1, "q2": 0.4], possiblePoints: 2, passMark: 70)
        #expect(attempt.percent == 70)
        #expect(attempt.passed)
        var stricter = attempt
        stricter.passMark = 80
        #expect(!stricter.passed)
    }
}
