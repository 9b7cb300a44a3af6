import Foundation

/// A trainee's events for one programme, folded once into the facts the rules read.
/// Everything is keyed by id, never by position in a programme, so a new programme version
/// reads the same history.
struct TraineeHistory: Sendable {
    /// One logged stretch of practice.
    struct PracticeEntry: Sendable, Hashable {
        var id: String
        var hours: Double
        var isCountersigned: Bool
    }

    /// The latest submission and review of one reflection prompt, by event sequence.
    struct ReflectionState: Sendable, Hashable {
        var lastSubmitted: Int?
        var lastReviewed: Int?
        var lastOutcome: ReviewOutcome?

        /// Records a review in one change, so the fold looks the prompt up once, not twice.
        mutating func review(_ sequence: Int, _ outcome: ReviewOutcome) {
            lastReviewed = sequence
            lastOutcome = outcome
        }

        /// Whether the latest review, after the latest submission, accepted it.
        var isAccepted: Bool {
            guard let lastReviewed, lastOutcome == .accepted else { return false }
            return lastReviewed > (lastSubmitted ?? 0)
        }

        /// Whether a submission is newer than any review.
        var isAwaitingReview: Bool {
            guard let lastSubmitted else { return false }
            return lastSubmitted > (lastReviewed ?? 0)
        }

        /// Whether the latest review asked for another look, and none has been submitted since.
        var isRevisitRequested: Bool {
            guard let lastReviewed, lastOutcome == .revisit else { return false }
            return lastReviewed > (lastSubmitted ?? 0)
        }
    }

    /// The certificate a trainee holds now: the last one issued or renewed.
    struct CurrentCertificate: Sendable, Hashable {
        var code: String
        var validUntil: Date?
        var issuedAt: Date
        var issuedSequence: Int
        var isSuspended = false
        var isRevoked = false
    }

    private(set) var hasApplied = false
    private(set) var hasRecruitmentRecord = false
    /// Times of each check's complete outcomes, in order.
    private(set) var checkCompletions: [String: [Date]] = [:]
    private(set) var latestDecision: (decision: SuitabilityDecision, at: Date)?
    /// When each module's unit was first read.
    private(set) var unitsRead: [String: Date] = [:]
    private(set) var attempts: [DatedAttempt] = []
    private(set) var attemptSequences: [Int] = []
    /// Tries a coordinator added to an assessment's maximum, by assessment.
    private(set) var extraTries: [String: Int] = [:]
    private(set) var reflections: [String: ReflectionState] = [:]
    private(set) var practice: [PracticeEntry] = []
    private(set) var supervisionDates: [Date] = []
    /// CPD hours with the sequence of the event that logged them.
    private(set) var cpd: [(sequence: Int, hours: Double)] = []
    private(set) var certificate: CurrentCertificate?
    private(set) var isPaused = false
    private(set) var isWithdrawn = false
    private(set) var firstActivity: Date?
    private(set) var lastActivity: Date?

    /// Folds the events for `programmeID`, in sequence order, whatever order they arrive in.
    init(_ events: [TraineeEvent], programmeID: String) {
        // The store hands over one programme's events in order; only copy and sort when not.
        var inOrder = true
        for index in events.indices
        where events[index].programmeID != programmeID || (index > 0 && events[index - 1].sequence >= events[index].sequence) {
            inOrder = false
            break
        }
        // Only the kind is handed over: the compiler hands a copy of what it is given, and a
        // whole event would mean a retain and a release for each of its strings.
        if inOrder {
            for index in events.indices { apply(events[index].kind, at: events[index].at, sequence: events[index].sequence) }
        } else {
            for event in events.filter({ $0.programmeID == programmeID }).sorted(by: { $0.sequence < $1.sequence }) {
                apply(event.kind, at: event.at, sequence: event.sequence)
            }
        }
    }

    private mutating func apply(_ kind: EventKind, at: Date, sequence: Int) {
        firstActivity = min(firstActivity ?? at, at)
        lastActivity = max(lastActivity ?? at, at)
        switch kind {
        case .applicationSubmitted:
            hasApplied = true
        case .checkRecorded(let checkID, let outcome, _):
            hasRecruitmentRecord = true
            if outcome == .complete { checkCompletions[checkID, default: []].append(at) }
        case .suitabilityDecided(let decision, _):
            hasRecruitmentRecord = true
            latestDecision = (decision, at)
        case .unitRead(let moduleID):
            if unitsRead[moduleID] == nil { unitsRead[moduleID] = at }
        case .assessmentAttempted(let record):
            attempts.append(DatedAttempt(record: record, at: at))
            attemptSequences.append(sequence)
        case .anotherTryAllowed(let assessmentID):
            extraTries[assessmentID, default: 0] += 1
        case .reflectionSubmitted(let promptID, _):
            reflections[promptID, default: ReflectionState()].lastSubmitted = sequence
        case .reflectionReviewed(let promptID, let outcome, _):
            reflections[promptID, default: ReflectionState()].review(sequence, outcome)
        case .practiceLogged(let entryID, _, let hours, _):
            let signed = practice.first { $0.id == entryID }?.isCountersigned ?? false
            practice.removeAll { $0.id == entryID }
            practice.append(PracticeEntry(id: entryID, hours: hours, isCountersigned: signed))
        case .practiceCountersigned(let entryID):
            if let index = practice.firstIndex(where: { $0.id == entryID }) { practice[index].isCountersigned = true }
        case .supervisionRecorded(let on, _, _, _):
            supervisionDates.append(on)
        case .cpdLogged(_, let hours, _):
            cpd.append((sequence, hours))
        case .certificateIssued(let code, let validUntil), .certificateRenewed(_, let code, let validUntil):
            certificate = CurrentCertificate(code: code, validUntil: validUntil, issuedAt: at, issuedSequence: sequence)
        case .certificateSuspended(let code):
            if certificate?.code == code { certificate?.isSuspended = true }
        case .certificateReinstated(let code):
            if certificate?.code == code { certificate?.isSuspended = false }
        case .certificateRevoked(let code):
            if certificate?.code == code { certificate?.isRevoked = true }
        case .paused:
            isPaused = true
        case .resumed:
            isPaused = false
        case .withdrawn:
            isWithdrawn = true
        case .personalDataErased:
            break
        }
    }

    /// Attempts with the sequence of their events.
    var sequencedAttempts: [(sequence: Int, attempt: DatedAttempt)] {
        zip(attemptSequences, attempts).map { ($0, $1) }
    }

    /// Countersigned practice hours.
    var countersignedHours: Double {
        practice.filter(\.isCountersigned).reduce(0) { $0 + $1.hours }
    }

    /// Logged hours still waiting for a supervisor.
    var hoursAwaitingCountersignature: Double {
        practice.filter { !$0.isCountersigned }.reduce(0) { $0 + $1.hours }
    }

    /// Whether the prompt's latest review, after its latest submission, accepted it.
    func isAccepted(_ promptID: String) -> Bool { reflections[promptID]?.isAccepted ?? false }

    /// Whether a submission is newer than any review.
    func isAwaitingReview(_ promptID: String) -> Bool { reflections[promptID]?.isAwaitingReview ?? false }

    /// Whether the latest review asked the trainee to have another look, and they have not yet.
    func isRevisitRequested(_ promptID: String) -> Bool { reflections[promptID]?.isRevisitRequested ?? false }
}
