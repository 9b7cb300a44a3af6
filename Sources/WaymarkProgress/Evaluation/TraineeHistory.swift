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
        if inOrder {
            for event in events { apply(event) }
        } else {
            for event in events.filter({ $0.programmeID == programmeID }).sorted(by: { $0.sequence < $1.sequence }) { apply(event) }
        }
    }

    private mutating func apply(_ event: TraineeEvent) {
        firstActivity = min(firstActivity ?? event.at, event.at)
        lastActivity = max(lastActivity ?? event.at, event.at)
        switch event.kind {
        case .applicationSubmitted:
            hasApplied = true
        case .checkRecorded(let checkID, let outcome, _):
            hasRecruitmentRecord = true
            if outcome == .complete { checkCompletions[checkID, default: []].append(event.at) }
        case .suitabilityDecided(let decision, _):
            hasRecruitmentRecord = true
            latestDecision = (decision, event.at)
        case .unitRead(let moduleID):
            if unitsRead[moduleID] == nil { unitsRead[moduleID] = event.at }
        case .assessmentAttempted(let record):
            attempts.append(DatedAttempt(record: record, at: event.at))
            attemptSequences.append(event.sequence)
        case .anotherTryAllowed(let assessmentID):
            extraTries[assessmentID, default: 0] += 1
        case .reflectionSubmitted(let promptID, _):
            reflections[promptID, default: ReflectionState()].lastSubmitted = event.sequence
        case .reflectionReviewed(let promptID, let outcome, _):
            reflections[promptID, default: ReflectionState()].lastReviewed = event.sequence
            reflections[promptID, default: ReflectionState()].lastOutcome = outcome
        case .practiceLogged(let entryID, _, let hours, _):
            let signed = practice.first { $0.id == entryID }?.isCountersigned ?? false
            practice.removeAll { $0.id == entryID }
            practice.append(PracticeEntry(id: entryID, hours: hours, isCountersigned: signed))
        case .practiceCountersigned(let entryID):
            if let index = practice.firstIndex(where: { $0.id == entryID }) { practice[index].isCountersigned = true }
        case .supervisionRecorded(let on, _, _, _):
            supervisionDates.append(on)
        case .cpdLogged(_, let hours, _):
            cpd.append((event.sequence, hours))
        case .certificateIssued(let code, let validUntil), .certificateRenewed(_, let code, let validUntil):
            certificate = CurrentCertificate(code: code, validUntil: validUntil, issuedAt: event.at, issuedSequence: event.sequence)
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
    func isAccepted(_ promptID: String) -> Bool {
        guard let state = reflections[promptID], let reviewed = state.lastReviewed, state.lastOutcome == .accepted else { return false }
        return reviewed > (state.lastSubmitted ?? 0)
    }

    /// Whether a submission is newer than any review.
    func isAwaitingReview(_ promptID: String) -> Bool {
        guard let state = reflections[promptID], let submitted = state.lastSubmitted else { return false }
        return submitted > (state.lastReviewed ?? 0)
    }

    /// Whether the latest review asked the trainee to have another look, and they have not yet.
    func isRevisitRequested(_ promptID: String) -> Bool {
        guard let state = reflections[promptID], let reviewed = state.lastReviewed, state.lastOutcome == .revisit else { return false }
        return reviewed > (state.lastSubmitted ?? 0)
    }
}
