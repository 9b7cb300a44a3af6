import Foundation

/// Where a trainee stands, worked out from the programme, their events and the time now.
public struct TraineeStatus: Sendable, Hashable {
    /// The stage of the journey.
    public var stage: Stage
    /// Progress per requirement, in the order of the journey.
    public var requirements: [RequirementProgress]
    /// What to do next, most useful first; the first is "the next small step".
    public var nextSteps: [NextStep]
    /// Whether a certificate can be issued, and if not, what is still missing.
    public var eligibility: Eligibility
    /// Things someone should look at.
    public var warnings: [Warning]
    /// Dates that time-based warnings depend on, for a projection that lists many trainees
    /// without evaluating each one (warnings are recomputed from these at read time).
    public var dates: KeyDates
    /// Renewal of the current certificate, when it can be renewed; nil otherwise.
    public var renewal: RenewalProgress?

    public init(
        stage: Stage,
        requirements: [RequirementProgress],
        nextSteps: [NextStep],
        eligibility: Eligibility,
        warnings: [Warning],
        dates: KeyDates,
        renewal: RenewalProgress? = nil
    ) {
        self.stage = stage
        self.requirements = requirements
        self.nextSteps = nextSteps
        self.eligibility = eligibility
        self.warnings = warnings
        self.dates = dates
        self.renewal = renewal
    }
}

/// The stages of the journey.
public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
    case applicant
    case inRecruitment = "in-recruitment"
    case inTraining = "in-training"
    case inPractice = "in-practice"
    case eligible
    case certified
    case expired
    case suspended
    case revoked
    case withdrawn
    case paused

    /// The stage in plain words, for pages and lists.
    public var label: String {
        switch self {
        case .applicant: "Applicant"
        case .inRecruitment: "In recruitment"
        case .inTraining: "In training"
        case .inPractice: "In practice"
        case .eligible: "Ready for certificate"
        case .certified: "Certified"
        case .expired: "Certificate expired"
        case .suspended: "Certificate suspended"
        case .revoked: "Certificate revoked"
        case .withdrawn: "Withdrawn"
        case .paused: "Paused"
        }
    }
}

/// Progress towards one requirement, as countable steps ("3 of 5"), never only a percentage.
public struct RequirementProgress: Sendable, Hashable {
    /// Stable key, such as "check:references", "module:listening", "practice:hours".
    public var id: String
    /// What it is, in plain words.
    public var title: String
    /// Steps done and steps needed (hours count as steps).
    public var done: Double
    public var needed: Double
    /// Whether it is met.
    public var isMet: Bool
    /// For modules that a newer programme version dropped: done, and no longer required.
    public var isNoLongerRequired: Bool

    public init(id: String, title: String, done: Double, needed: Double, isMet: Bool, isNoLongerRequired: Bool = false) {
        self.id = id
        self.title = title
        self.done = done
        self.needed = needed
        self.isMet = isMet
        self.isNoLongerRequired = isNoLongerRequired
    }
}

/// One thing to do next, in plain words for the person who does it.
public struct NextStep: Sendable, Hashable {
    /// Who acts: the trainee, a coordinator, a supervisor.
    public var actor: Actor
    /// What to do, in a short plain sentence: "Read 'Listening without judging'".
    public var text: String
    /// The same step as staff read it about the trainee, on the trainee's page and in the
    /// cohort: "They will read 'Listening without judging'", "Record their references".
    public var staffText: String
    /// What it is about, such as "module:listening" or "check:references", for links.
    public var target: String

    public enum Actor: String, Sendable, Hashable, Codable {
        case trainee
        case coordinator
        case supervisor
    }

    public init(actor: Actor, text: String, staffText: String, target: String) {
        self.actor = actor
        self.text = text
        self.staffText = staffText
        self.target = target
    }
}

/// Whether a certificate can be issued.
public struct Eligibility: Sendable, Hashable {
    public var isEligible: Bool
    /// What is still missing, in plain words; empty when eligible.
    public var missing: [String]

    public init(isEligible: Bool, missing: [String]) {
        self.isEligible = isEligible
        self.missing = missing
    }
}

/// Something someone should look at.
public enum Warning: Sendable, Hashable {
    /// No supervision for longer than the programme allows; the date it became due.
    case supervisionOverdue(since: Date)
    /// The certificate expires within 60 days.
    case certificateExpiring(on: Date)
    /// A reflection is waiting for a trainer.
    case reflectionAwaitingReview(promptID: String)
}

/// The dates time-based warnings depend on.
public struct KeyDates: Sendable, Hashable, Codable {
    /// When the last event happened.
    public var lastActivity: Date?
    /// When the next supervision session is due (last session + max gap), while in practice or certified.
    public var supervisionDue: Date?
    /// When the current certificate stops being valid.
    public var certificateValidUntil: Date?

    public init(lastActivity: Date? = nil, supervisionDue: Date? = nil, certificateValidUntil: Date? = nil) {
        self.lastActivity = lastActivity
        self.supervisionDue = supervisionDue
        self.certificateValidUntil = certificateValidUntil
    }
}
