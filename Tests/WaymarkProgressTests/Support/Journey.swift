import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// A trainee's record built the way it happens: each call appends one event, with the next
/// sequence number, an hour after the one before unless the test waits longer.
struct Journey {
    let programme: Programme
    private(set) var events: [TraineeEvent] = []
    /// The time of the latest event (or the start).
    private(set) var clock: Date = Fixtures.start
    private var entries = 0

    init(_ programme: Programme) {
        self.programme = programme
    }

    /// Status an hour after the latest event, or at `now`.
    func status(now: Date? = nil) -> TraineeStatus {
        Progression.evaluate(programme, events, now: now ?? clock.addingTimeInterval(3600))
    }

    mutating func wait(days: Double) { clock = clock.addingTimeInterval(days * Fixtures.day) }

    mutating func record(_ kind: EventKind, actor: String = "trainee-1", reason: String? = nil) {
        clock = clock.addingTimeInterval(3600)
        events.append(
            TraineeEvent(
                sequence: events.count + 1,
                traineeID: "trainee-1",
                programmeID: programme.id,
                programmeVersion: programme.version,
                actorID: actor,
                at: clock,
                reason: reason,
                kind: kind
            )
        )
    }

    // MARK: Recruitment

    mutating func apply() { record(.applicationSubmitted) }

    mutating func check(_ id: String, _ outcome: CheckOutcome = .complete) {
        record(.checkRecorded(checkID: id, outcome: outcome, note: nil), actor: "coordinator-1")
    }

    mutating func decide(_ decision: SuitabilityDecision) {
        record(.suitabilityDecided(decision: decision, revisitOn: nil), actor: "coordinator-1", reason: "Talked it through")
    }

    /// Applies, completes every check the programme has, and is found suitable.
    mutating func openTraining() {
        apply()
        for check in programme.recruitment {
            for _ in 0..<check.count { self.check(check.id) }
        }
        decide(.suitable)
    }

    // MARK: Modules

    mutating func read(_ moduleID: String) { record(.unitRead(moduleID: moduleID)) }

    /// An attempt at the module's check scoring `percent`, under the pass mark in force now.
    mutating func attempt(_ moduleID: String, percent: Double) {
        let assessmentID = programme.module(moduleID)?.assessmentID ?? "\(moduleID)-check"
        let passMark = programme.assessments[assessmentID]?.passMark ?? 70
        let record = AttemptRecord(
            assessmentID: assessmentID,
            moduleID: moduleID,
            answers: [:],
            points: ["q1": percent],
            possiblePoints: 100,
            passMark: passMark
        )
        self.record(.assessmentAttempted(record))
    }

    /// Reads the unit and passes the check.
    mutating func complete(_ moduleIDs: String...) {
        for id in moduleIDs {
            read(id)
            if programme.module(id)?.assessmentID != nil { attempt(id, percent: 100) }
        }
    }

    // MARK: Practice

    /// Logs hours as a new entry; the supervisor countersigns it unless told not to.
    mutating func practise(hours: Double, countersigned: Bool = true) {
        entries += 1
        let id = "entry-\(entries)"
        record(.practiceLogged(entryID: id, on: clock.addingTimeInterval(3600), hours: hours, setting: "Drop-in centre"))
        if countersigned { record(.practiceCountersigned(entryID: id), actor: "supervisor-1") }
    }

    mutating func countersign(entry: Int) { record(.practiceCountersigned(entryID: "entry-\(entry)"), actor: "supervisor-1") }

    /// A supervision session on the day of the event.
    mutating func supervise() {
        record(
            .supervisionRecorded(on: clock.addingTimeInterval(3600), minutes: 60, supervisorID: "supervisor-1", wellbeing: .good),
            actor: "supervisor-1"
        )
    }

    mutating func reflect(_ promptID: String) { record(.reflectionSubmitted(promptID: promptID, text: "Some honest words.")) }

    mutating func review(_ promptID: String, _ outcome: ReviewOutcome) {
        record(.reflectionReviewed(promptID: promptID, outcome: outcome, feedback: "Thank you."), actor: "coordinator-1")
    }

    /// Opens training, completes every required module, and meets practice in full.
    mutating func becomeEligible() {
        openTraining()
        for module in programme.modules where !module.isOptional { complete(module.id) }
        practise(hours: 20)
        supervise()
        supervise()
        for prompt in ["heard", "no-kindly"] {
            reflect(prompt)
            review(prompt, .accepted)
        }
    }

    // MARK: Certificate

    mutating func issue(code: String = "CERT-1", validForDays: Double? = 730) {
        record(
            .certificateIssued(code: code, validUntil: validForDays.map { clock.addingTimeInterval(3600 + $0 * Fixtures.day) }),
            actor: "coordinator-1"
        )
    }
}
