import Foundation
import WaymarkProgress

/// A trainee on a programme, with the supervisor who looks after them in practice.
public struct Enrolment: Sendable, Hashable {
    public var traineeID: String
    public var programmeID: String
    public var supervisorID: String?
    public var enrolledAt: Date

    public init(traineeID: String, programmeID: String, supervisorID: String?, enrolledAt: Date) {
        self.traineeID = traineeID
        self.programmeID = programmeID
        self.supervisorID = supervisorID
        self.enrolledAt = enrolledAt
    }
}

/// One row per trainee and programme, kept up to date in the same transaction as each event,
/// so lists of many trainees never replay every event. Time-based warnings are worked out from
/// its dates when it is read (`Progression.timeWarnings`). Rebuilt from the events at any time.
public struct TraineeSummary: Sendable, Hashable {
    public var traineeID: String
    public var programmeID: String
    /// The trainee's name, filled in when listing.
    public var name: String
    public var stage: Stage
    /// The next small step, in plain words, and who takes it.
    public var nextStep: String
    public var nextStepActor: NextStep.Actor
    /// The dates time-based warnings depend on.
    public var dates: KeyDates
    /// Reflections waiting for a trainer.
    public var reflectionsAwaitingReview: Int
    /// The sequence number of the last event folded in.
    public var lastSequence: Int

    public init(
        traineeID: String,
        programmeID: String,
        name: String = "",
        stage: Stage,
        nextStep: String,
        nextStepActor: NextStep.Actor,
        dates: KeyDates,
        reflectionsAwaitingReview: Int,
        lastSequence: Int
    ) {
        self.traineeID = traineeID
        self.programmeID = programmeID
        self.name = name
        self.stage = stage
        self.nextStep = nextStep
        self.nextStepActor = nextStepActor
        self.dates = dates
        self.reflectionsAwaitingReview = reflectionsAwaitingReview
        self.lastSequence = lastSequence
    }

    /// The row for where a trainee stands (`status`) after the event numbered `lastSequence`.
    public init(traineeID: String, programmeID: String, status: TraineeStatus, lastSequence: Int) {
        let next = status.nextSteps.first
        self.init(
            traineeID: traineeID,
            programmeID: programmeID,
            stage: status.stage,
            nextStep: next?.staffText ?? "",
            nextStepActor: next?.actor ?? .trainee,
            dates: status.dates,
            reflectionsAwaitingReview: status.warnings.filter {
                if case .reflectionAwaitingReview = $0 { return true }
                return false
            }.count,
            lastSequence: lastSequence
        )
    }
}

/// A page of trainee summaries and how many there are in all.
public struct SummaryPage: Sendable {
    public var summaries: [TraineeSummary]
    public var total: Int

    public init(summaries: [TraineeSummary], total: Int) {
        self.summaries = summaries
        self.total = total
    }
}

/// The only facts kept about a DBS (criminal record) check, as the DBS code of practice and
/// UK GDPR Article 10 allow: no conviction details, no copy of the certificate.
public struct VettingRecord: Sendable, Hashable {
    public var traineeID: String
    /// basic, standard, enhanced or enhanced with barred lists.
    public var level: VettingLevel
    public var certificateNumber: String
    public var issueDate: Date
    public var decision: SuitabilityDecision
    /// The coordinator who made the decision.
    public var decidedBy: String
    public var decidedAt: Date

    public init(
        traineeID: String,
        level: VettingLevel,
        certificateNumber: String,
        issueDate: Date,
        decision: SuitabilityDecision,
        decidedBy: String,
        decidedAt: Date
    ) {
        self.traineeID = traineeID
        self.level = level
        self.certificateNumber = certificateNumber
        self.issueDate = issueDate
        self.decision = decision
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// The levels of DBS check.
public enum VettingLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case basic
    case standard
    case enhanced
    case enhancedWithBarredLists = "enhanced-barred"
}

/// A coordinator's working note while a vetting decision is being made ("waiting for the
/// update service"). Purged after six months; every read is audited like the record.
public struct VettingNote: Sendable, Hashable {
    public var id: Int64
    public var traineeID: String
    public var text: String
    public var recordedBy: String
    public var recordedAt: Date

    public init(id: Int64, traineeID: String, text: String, recordedBy: String, recordedAt: Date) {
        self.id = id
        self.traineeID = traineeID
        self.text = text
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// One line of the audit log: who did or saw what, when, about whom.
public struct AuditEntry: Sendable, Hashable {
    public var at: Date
    public var actorID: String
    /// Such as "vetting.viewed", "vetting.purged", "person.erased".
    public var action: String
    /// The person it is about, if any.
    public var subjectID: String?
    public var detail: String?

    public init(at: Date, actorID: String, action: String, subjectID: String?, detail: String?) {
        self.at = at
        self.actorID = actorID
        self.action = action
        self.subjectID = subjectID
        self.detail = detail
    }
}
