import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// What pages work out from one loaded curriculum, kept until the curriculum is replaced: a
/// unit's reading never changes between reloads, so neither does its HTML, and what progression
/// needs to know about a programme is the same for every trainee on it.
final class CurriculumCache: @unchecked Sendable {
    /// A unit's reading as its page shows it.
    struct UnitHTML: Sendable {
        var objectives: [String]
        var sections: String
    }

    private let lock = NSLock()
    private var units: [String: UnitHTML] = [:]
    private var evaluators: [String: Progression.Evaluator] = [:]

    /// The unit's HTML, rendered on first use (two requests may both render it; either wins).
    func unit(_ unit: WaymarkCurriculum.Unit, programmeID: String) -> UnitHTML {
        let key = programmeID + "\u{0}" + unit.id
        if let html = lock.withLock({ units[key] }) { return html }
        let html = UnitHTML(
            objectives: unit.objectives.map { CurriculumHTML.inline($0) },
            sections: unit.sections.map { section in
                "<section aria-labelledby=\"s-\(CurriculumHTML.escape(section.id))\"><h2 id=\"s-\(CurriculumHTML.escape(section.id))\">\(CurriculumHTML.escape(section.title))</h2>\n"
                    + CurriculumHTML.blocks(section.blocks) + "</section>\n"
            }.joined()
        )
        lock.withLock { units[key] = html }
        return html
    }

    /// Where a trainee stands on a programme of this curriculum.
    func evaluate(_ programme: Programme, _ events: [TraineeEvent], now: Date) -> TraineeStatus {
        evaluator(programme).evaluate(events, now: now)
    }

    /// Where a trainee stands, and what the rules let them do now.
    func evaluateWithAccess(_ programme: Programme, _ events: [TraineeEvent], now: Date) -> (status: TraineeStatus, access: TraineeAccess) {
        evaluator(programme).evaluateWithAccess(events, now: now)
    }

    private func evaluator(_ programme: Programme) -> Progression.Evaluator {
        lock.withLock({ evaluators[programme.id] })
            ?? {
                let evaluator = Progression.Evaluator(programme)
                lock.withLock { evaluators[programme.id] = evaluator }
                return evaluator
            }()
    }
}
