import Foundation
import WaymarkCurriculum

/// The facts of a trainee's journey through one programme version at one moment: derived from
/// the folded history, read by the stage, requirement, eligibility and next-step rules.
struct JourneyState: Sendable {
    /// One recruitment check and how many complete records it has.
    struct CheckState: Sendable {
        var check: RecruitmentCheck
        var done: Int
        var isComplete: Bool { done >= max(check.count, 1) }
    }

    /// A reflection prompt by id, with its words.
    struct Prompt: Sendable {
        var id: String
        var words: [Inline]
        var needsReview: Bool

        /// Flattened only for the few next steps that quote a prompt, not for every evaluation.
        var text: String { words.plainText }
    }

    let digest: ProgrammeDigest
    let history: TraineeHistory
    let now: Date
    let checks: [CheckState]
    let trainingOpen: Bool
    let trainingOpenedAt: Date?
    let modules: [ModuleState]
    /// Modules completed (read and passed) that this programme version no longer has.
    let noLongerRequired: [String]
    let practiceOpen: Bool
    let practiceOpenedAt: Date?
    /// How many prompts' reflections count: accepted after review, or submitted when no review
    /// is needed. Reflections on prompts a newer version dropped still count: work is never erased.
    let acceptedPromptCount: Int
    /// Prompts with a submission a trainer has not read yet, in programme order, then by id.
    let awaitingReview: [String]

    init(digest: ProgrammeDigest, history: TraineeHistory, now: Date) {
        let programme = digest.programme
        self.digest = digest
        self.history = history
        self.now = now
        checks = programme.recruitment.map { check in
            // The application form is done once the applicant sends it; a coordinator need not record it too.
            let sent = check.kind == .application && history.hasApplied ? 1 : 0
            return CheckState(check: check, done: (history.checkCompletions[check.id]?.count ?? 0) + sent)
        }

        // Training opens when every check is complete and the latest decision is "suitable";
        // a programme without checks is open from the start (the trainee's first event).
        if programme.recruitment.isEmpty {
            trainingOpen = true
            trainingOpenedAt = history.firstActivity
        } else if checks.allSatisfy(\.isComplete), let decision = history.latestDecision, decision.decision == .suitable {
            trainingOpen = true
            let checkTimes = programme.recruitment.compactMap { check -> Date? in
                let times = history.checkCompletions[check.id] ?? []
                return times.count >= max(check.count, 1) ? times[max(check.count, 1) - 1] : nil
            }
            trainingOpenedAt = (checkTimes + [decision.at]).max()
        } else {
            trainingOpen = false
            trainingOpenedAt = nil
        }

        var states = digest.modules.map { ModuleState($0, readAt: history.unitsRead[$0.module.id]) }
        let removed = Self.record(history, in: &states)
        let unitsRead = history.unitsRead  // what the closure captures, rather than all the history
        noLongerRequired =
            removed.count < 2
            ? removed
            : removed.sorted { (unitsRead[$0] ?? .distantPast, $0) < (unitsRead[$1] ?? .distantPast, $1) }
        // A module opens once every module it requires is complete here, or was completed
        // under an earlier version that had it.
        for index in states.indices {
            let module = states[index].info.module
            guard trainingOpen || module.isOpenToApplicants else { continue }
            states[index].isAvailable = module.requires.allSatisfy { id in
                states.contains { $0.info.module.id == id && $0.isComplete } || removed.contains(id)
            }
        }
        modules = states

        if let practice = programme.practice, trainingOpen {
            if let after = practice.opensAfter {
                let opener = digest.firstPosition(of: after).map { states[$0] }
                practiceOpen = opener?.isComplete ?? removed.contains(after)
                let openerDone = opener?.completedAt ?? history.unitsRead[after]
                practiceOpenedAt = practiceOpen ? [openerDone, trainingOpenedAt].compactMap { $0 }.max() : nil
            } else {
                practiceOpen = true
                practiceOpenedAt = trainingOpenedAt
            }
        } else {
            practiceOpen = false
            practiceOpenedAt = nil
        }

        acceptedPromptCount = history.reflections.reduce(0) { count, entry in
            let counts = entry.value.isAccepted || (entry.value.lastSubmitted != nil && digest.needsNoReview.contains(entry.key))
            return counts ? count + 1 : count
        }
        awaitingReview = Self.awaitingReview(history, digest: digest)
    }

    /// Marks each module tried, and first passed, by the tries that count for it. Returns the
    /// modules this version no longer has that were read and passed, each once.
    private static func record(_ history: TraineeHistory, in states: inout [ModuleState]) -> [String] {
        var removed: [String] = []
        for attempt in history.attempts {
            var known = false
            // Scoring a try sums its points, so it is scored once, and only when a rule needs it.
            var passed: Bool?
            for position in states.indices where states[position].info.counts(attempt.record) {
                if states[position].info.module.id == attempt.record.moduleID { known = true }
                states[position].isAttempted = true
                if states[position].passedAt == nil {
                    if passed == nil { passed = attempt.record.passed }
                    if passed == true { states[position].passedAt = attempt.at }
                }
            }
            if !known, history.unitsRead[attempt.record.moduleID] != nil, !removed.contains(attempt.record.moduleID),
                passed ?? attempt.record.passed
            {
                removed.append(attempt.record.moduleID)
            }
        }
        return removed
    }

    /// The tries that count for the module at this position, oldest first.
    func attempts(at position: Int) -> [DatedAttempt] {
        history.attempts.filter { modules[position].info.counts($0.record) }
    }

    /// Most trainees have nothing waiting, so this looks at their reflections first and walks the
    /// programme's prompts only when one of them is waiting.
    private static func awaitingReview(_ history: TraineeHistory, digest: ProgrammeDigest) -> [String] {
        var inProgramme = false
        var others: [String] = []
        for (id, state) in history.reflections where state.isAwaitingReview {
            if !digest.promptIDs.contains(id) {
                others.append(id)
            } else if !digest.needsNoReview.contains(id) {
                inProgramme = true
            }
        }
        guard inProgramme else { return others.sorted() }
        return digest.promptOrder.filter { !digest.needsNoReview.contains($0) && history.isAwaitingReview($0) } + others.sorted()
    }

    var programme: Programme { digest.programme }
    var prompts: [Prompt] { digest.prompts }

    // MARK: Practice

    var countersignedHours: Double { history.countersignedHours }
    var sessions: Int { history.supervisionDates.count }

    /// Prompts a trainer asked the trainee to have another look at.
    var revisitRequested: [Prompt] { prompts.filter { history.isRevisitRequested($0.id) } }

    /// Prompts not written yet, from modules already read first.
    var unwrittenPrompts: [Prompt] {
        let fresh = prompts.filter { history.reflections[$0.id]?.lastSubmitted == nil }
        let readPromptIDs = Set(
            modules.filter(\.isRead).flatMap { state in
                (programme.unit(for: state.module)?.reflections.map(\.id) ?? [])
                    + (state.assessment?.questions.map(\.id) ?? [])
            }
        )
        return fresh.filter { readPromptIDs.contains($0.id) } + fresh.filter { !readPromptIDs.contains($0.id) }
    }

    /// Whether hours, sessions and reflections are all met (true when there is no practice).
    var practiceMet: Bool {
        guard let practice = programme.practice else { return true }
        return countersignedHours + 1e-9 >= (practice.minimumHours ?? 0)
            && sessions >= (practice.supervision?.sessions ?? 0)
            && acceptedPromptCount >= (practice.minimumReflections ?? 0)
    }

    /// When the next supervision session is due: last session (or the day practice opened) plus the gap.
    var supervisionDueDate: Date? {
        guard let gap = programme.practice?.supervision?.maximumGapDays else { return nil }
        guard let from = history.supervisionDates.max() ?? practiceOpenedAt else { return nil }
        return CalendarMath.adding(days: gap, to: from)
    }

    // MARK: Certificate

    var certificate: TraineeHistory.CurrentCertificate? { history.certificate }

    var isExpired: Bool {
        guard let until = certificate?.validUntil else { return false }
        return until <= now
    }

    /// Every required module complete and practice met.
    var requirementsMet: Bool { trainingOpen && modules.allSatisfy { $0.module.isOptional || $0.isComplete } && practiceMet }
}
