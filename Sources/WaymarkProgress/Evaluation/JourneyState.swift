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
        var text: String
        var needsReview: Bool
    }

    let programme: Programme
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
    let prompts: [Prompt]

    init(programme: Programme, digest: ProgrammeDigest, history: TraineeHistory, now: Date) {
        self.programme = programme
        self.history = history
        self.now = now
        checks = programme.recruitment.map { CheckState(check: $0, done: history.checkCompletions[$0.id]?.count ?? 0) }

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

        var states = programme.modules.map { ModuleState($0, in: programme, title: digest.moduleTitles[$0.id], history: history) }
        let known = Set(programme.modules.map(\.id))
        let removed = Set(history.attempts.filter { $0.record.passed }.map(\.record.moduleID))
            .filter { !known.contains($0) && history.unitsRead[$0] != nil }
        noLongerRequired = history.unitsRead.keys.filter { removed.contains($0) }.sorted {
            (history.unitsRead[$0] ?? .distantPast, $0) < (history.unitsRead[$1] ?? .distantPast, $1)
        }
        let completeIDs = Set(states.filter(\.isComplete).map(\.module.id)).union(noLongerRequired)
        for index in states.indices {
            let module = states[index].module
            states[index].isAvailable =
                (trainingOpen || module.isOpenToApplicants) && module.requires.allSatisfy { completeIDs.contains($0) }
        }
        modules = states

        if let practice = programme.practice, trainingOpen {
            if let after = practice.opensAfter {
                let opener = states.first { $0.module.id == after }
                practiceOpen = opener?.isComplete ?? completeIDs.contains(after)
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

        self.prompts = digest.prompts
    }

    // MARK: Modules

    /// Modules the certificate needs.
    var requiredModules: [ModuleState] { modules.filter { !$0.module.isOptional } }

    // MARK: Practice

    var countersignedHours: Double { history.countersignedHours }
    var sessions: Int { history.supervisionDates.count }

    /// Prompts whose reflection counts: accepted after review, or submitted when no review is needed.
    /// Reflections on prompts a newer version dropped still count: work is never erased.
    var acceptedPromptIDs: [String] {
        let needsNoReview = Set(prompts.filter { !$0.needsReview }.map(\.id))
        return history.reflections.keys.sorted().filter { id in
            history.isAccepted(id) || (needsNoReview.contains(id) && history.reflections[id]?.lastSubmitted != nil)
        }
    }

    /// Prompts with a submission a trainer has not read yet, in programme order.
    var awaitingReview: [String] {
        let needsNoReview = Set(prompts.filter { !$0.needsReview }.map(\.id))
        let ordered = prompts.map(\.id) + history.reflections.keys.sorted()
        var seen = Set<String>()
        return ordered.filter { seen.insert($0).inserted && !needsNoReview.contains($0) && history.isAwaitingReview($0) }
    }

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
            && acceptedPromptIDs.count >= (practice.minimumReflections ?? 0)
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
    var requirementsMet: Bool { trainingOpen && requiredModules.allSatisfy(\.isComplete) && practiceMet }
}
