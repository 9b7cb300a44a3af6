import Foundation
import WaymarkCurriculum

/// How many trainees in progress each change of a `CurriculumDiff` reaches: those enrolled on
/// the programme, not finished (certified, expired, suspended, revoked or withdrawn), who have
/// done something in a module the change is about (read it, tried its check, or were allowed
/// another try). A module added as required reaches everyone in progress on the programme.
///
/// Fed one trainee at a time, so a whole cohort is counted without holding its events.
public struct ChangeReach: Sendable {
    /// For each programme, the modules each trainee in progress has worked on.
    private var worked: [String: [Set<String>]] = [:]

    public init() {}

    /// Counts one trainee's events on `programme` (the one in use now), as of `now`.
    public mutating func add(_ events: [TraineeEvent], on programme: Programme, now: Date) {
        guard Self.isInProgress(Progression.evaluate(programme, events, now: now).stage) else { return }
        var modules = Set<String>()
        for event in events {
            switch event.kind {
            case .unitRead(let module): modules.insert(module)
            case .assessmentAttempted(let attempt): modules.insert(attempt.moduleID)
            case .anotherTryAllowed(let check):
                for module in programme.modules where module.assessmentID == check { modules.insert(module.id) }
            default: break
            }
        }
        worked[programme.id, default: []].append(modules)
    }

    /// How many trainees in progress `change` reaches.
    public func count(_ change: CurriculumDiff.Change) -> Int {
        let trainees = worked[change.programmeID] ?? []
        if change.reachesEveryone || change.subject == .programme { return trainees.count }
        let modules = Set(change.moduleIDs)
        return trainees.filter { !$0.isDisjoint(with: modules) }.count
    }

    /// How many trainees are in progress on the programme.
    public func inProgress(programmeID: String) -> Int {
        worked[programmeID]?.count ?? 0
    }

    static func isInProgress(_ stage: Stage) -> Bool {
        switch stage {
        case .applicant, .inRecruitment, .inTraining, .inPractice, .eligible, .paused: true
        case .certified, .expired, .suspended, .revoked, .withdrawn: false
        }
    }
}
