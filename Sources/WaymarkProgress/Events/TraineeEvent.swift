import Foundation

/// One thing that happened in a trainee's journey. A trainee's record is the list of these, in
/// order; it is only ever appended to (erasure blanks personal fields and says that it did).
public struct TraineeEvent: Sendable, Hashable, Codable {
    /// Position in this trainee's record, from 1, without gaps; given by the store.
    public var sequence: Int
    /// Who the event is about.
    public var traineeID: String
    /// The programme and the version of it that was in force when this happened.
    public var programmeID: String
    public var programmeVersion: String
    /// Who did it: a person's id, or "system" for what Waymark did by itself.
    public var actorID: String
    /// When it happened (UTC).
    public var at: Date
    /// Why, where the event calls for a reason (a decision, a suspension, a pause...).
    public var reason: String?
    /// What happened.
    public var kind: EventKind

    /// An event with every field given.
    public init(
        sequence: Int,
        traineeID: String,
        programmeID: String,
        programmeVersion: String,
        actorID: String,
        at: Date,
        reason: String? = nil,
        kind: EventKind
    ) {
        self.sequence = sequence
        self.traineeID = traineeID
        self.programmeID = programmeID
        self.programmeVersion = programmeVersion
        self.actorID = actorID
        self.at = at
        self.reason = reason
        self.kind = kind
    }
}

/// Everything that can happen in a trainee's record.
public enum EventKind: Sendable, Hashable, Codable {
    /// The person applied to join the programme.
    case applicationSubmitted
    /// A coordinator recorded a recruitment check (one of `count` for checks such as references).
    /// Vetting details (DBS level, certificate number...) are never here: they live in the
    /// store's vetting record, which every read of is audited.
    case checkRecorded(checkID: String, outcome: CheckOutcome, note: String?)
    /// A named coordinator decided whether the person is suitable to start training, with a
    /// rationale (in `reason`); "not yet" carries a date to talk again.
    case suitabilityDecided(decision: SuitabilityDecision, revisitOn: Date?)
    /// The trainee finished reading a module's unit.
    case unitRead(moduleID: String)
    /// The trainee submitted an assessment; scored when submitted.
    case assessmentAttempted(AttemptRecord)
    /// A coordinator allowed one more try at an assessment whose tries were all used (why, in `reason`).
    case anotherTryAllowed(assessmentID: String)
    /// The trainee submitted a written reflection.
    case reflectionSubmitted(promptID: String, text: String)
    /// A trainer read a reflection: accepted, or "please revisit" with feedback (in `reason`).
    case reflectionReviewed(promptID: String, outcome: ReviewOutcome, feedback: String)
    /// The trainee logged practice hours. Never names or describes a mentee.
    case practiceLogged(entryID: String, on: Date, hours: Double, setting: String)
    /// A supervisor confirmed logged practice hours.
    case practiceCountersigned(entryID: String)
    /// A supervision session took place.
    case supervisionRecorded(on: Date, minutes: Int, supervisorID: String, wellbeing: WellbeingCheck)
    /// Continuing professional development, counted towards renewal.
    case cpdLogged(on: Date, hours: Double, activity: String)
    /// A certificate was issued, with its code and the date it stops being valid (nil: never).
    case certificateIssued(code: String, validUntil: Date?)
    /// A certificate was renewed: a new code replaces the old one.
    case certificateRenewed(previousCode: String, code: String, validUntil: Date?)
    /// A certificate was suspended (reason required), reinstated or revoked (reason required).
    case certificateSuspended(code: String)
    case certificateReinstated(code: String)
    case certificateRevoked(code: String)
    /// The trainee paused, came back, or left. Pausing never loses progress.
    case paused
    case resumed
    case withdrawn
    /// Personal data in this record was erased on request; the event stays, blanked.
    case personalDataErased
}

/// How a recruitment check ended.
public enum CheckOutcome: String, Sendable, Hashable, Codable {
    /// Done and satisfactory.
    case complete
    /// Done, but something needs talking through (it does not count as complete).
    case needsFollowUp = "needs-follow-up"
}

/// The coordinator's decision after the recruitment checks. A conviction is not a bar.
public enum SuitabilityDecision: String, Sendable, Hashable, Codable {
    case suitable
    case notYet = "not-yet"
}

/// What a trainer said about a reflection.
public enum ReviewOutcome: String, Sendable, Hashable, Codable {
    case accepted
    case revisit
}

/// How a mentor said they were doing at supervision.
public enum WellbeingCheck: String, Sendable, Hashable, Codable {
    case good
    case someConcerns = "some-concerns"
    case needsSupport = "needs-support"
}
