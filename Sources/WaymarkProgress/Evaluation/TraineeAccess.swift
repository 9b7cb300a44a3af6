import Foundation
import WaymarkCurriculum

/// What a trainee may do now, by the same rules that work out their stage and next steps: a
/// module's prerequisites, modules open to applicants, a check's tries and cool-down, practice.
public struct TraineeAccess: Sendable {
    let journey: JourneyState

    /// Nil when the action is allowed; otherwise why not.
    public func refusal(_ action: ProgressAction) -> Refusal? {
        switch action {
        case .readUnit(let moduleID):
            return moduleRefusal(moduleID)
        case .openCheck(let moduleID):
            return checkRefusal(moduleID)
        case .sendCheck(let moduleID):
            if let refusal = checkRefusal(moduleID) { return refusal }
            switch attemptAvailability(moduleID: moduleID) {
            case .waitUntil(let until): return .coolingDown(until: until)
            case .noTriesLeft: return .noTriesLeft
            case .available, nil: return nil
            }
        case .writeReflection(let promptID):
            guard let moduleID = moduleID(ofPrompt: promptID) else { return .unknown }
            return moduleRefusal(moduleID)
        case .logPractice:
            return practiceRefusal
        case .logCPD:
            // Only hours logged after the certificate count, so only a certificate that renews
            // with CPD opens the log.
            return journey.renewal?.requirements.contains { $0.id == "renewal:cpd" } == true ? nil : .noCertificateToRenew
        }
    }

    /// Whether the module's check can be taken now, counting the tries that count for it (since
    /// renewal opened, for a refresher check); nil when the module has no check.
    public func attemptAvailability(moduleID: String) -> AttemptAvailability? {
        guard let position = journey.digest.firstPosition(of: moduleID), let assessment = journey.modules[position].assessment else {
            return nil
        }
        var tries = journey.attempts(at: position)
        if journey.modules[position].isComplete, journey.programme.certificate.renewal?.refresherModules.contains(moduleID) == true,
            let renewal = journey.renewal, renewal.isOpen
        {
            tries = journey.refresherAttempts(moduleID, since: renewal.opensOn)
        }
        return Progression.attemptAvailability(
            assessment,
            attempts: tries,
            extraTries: journey.history.extraTries[assessment.id] ?? 0,
            now: journey.now
        )
    }

    /// A module is open once its rules allow it; one finished stays open, so work done is never
    /// out of reach (even when a newer version asks for more first).
    private func moduleRefusal(_ moduleID: String) -> Refusal? {
        guard let position = journey.digest.firstPosition(of: moduleID) else { return .unknown }
        let state = journey.modules[position]
        if state.isAvailable || state.isComplete { return nil }
        if !journey.trainingOpen && !state.module.isOpenToApplicants { return .waitingForRecruitment }
        let missing = state.module.requires.filter { id in
            !journey.modules.contains { $0.module.id == id && $0.isComplete } && !journey.noLongerRequired.contains(id)
        }
        return .finishFirst(missing.map { ModuleName(id: $0, title: journey.moduleTitle($0)) })
    }

    private func checkRefusal(_ moduleID: String) -> Refusal? {
        guard let position = journey.digest.firstPosition(of: moduleID), journey.modules[position].assessment != nil else { return .unknown }
        return moduleRefusal(moduleID)
    }

    private var practiceRefusal: Refusal? {
        guard let practice = journey.programme.practice else { return .noPractice }
        if journey.practiceOpen { return nil }
        if !journey.trainingOpen { return .waitingForRecruitment }
        return .practiceNotOpen(after: practice.opensAfter.map { ModuleName(id: $0, title: journey.moduleTitle($0)) })
    }

    /// The module whose unit or check holds the reflection prompt.
    public func moduleID(ofPrompt promptID: String) -> String? {
        let programme = journey.programme
        for module in programme.modules {
            if programme.unit(for: module)?.reflections.contains(where: { $0.id == promptID }) == true { return module.id }
            if programme.assessment(for: module)?.questions.contains(where: {
                if case .reflection = $0.kind { $0.id == promptID } else { false }
            }) == true {
                return module.id
            }
        }
        return nil
    }
}

extension Progression {
    /// What the trainee may do now on this programme version.
    public static func access(_ programme: Programme, _ events: [TraineeEvent], now: Date) -> TraineeAccess {
        Evaluator(programme).evaluateWithAccess(events, now: now).access
    }
}

extension Progression.Evaluator {
    /// The status and what the trainee may do, from one reading of their events.
    public func evaluateWithAccess(_ events: [TraineeEvent], now: Date) -> (status: TraineeStatus, access: TraineeAccess) {
        let journey = JourneyState(digest: digest, history: TraineeHistory(events, programmeID: digest.programme.id), now: now)
        return (Progression.status(of: journey), TraineeAccess(journey: journey))
    }
}
