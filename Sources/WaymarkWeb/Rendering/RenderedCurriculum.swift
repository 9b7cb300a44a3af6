import Foundation
import WaymarkCurriculum

/// HTML of one loaded curriculum, rendered the first time a page needs it and kept until the
/// curriculum is replaced: the reading never changes between reloads, so neither does its HTML.
final class RenderedCurriculum: @unchecked Sendable {
    /// A unit's reading as its page shows it.
    struct UnitHTML: Sendable {
        var objectives: [String]
        var sections: String
    }

    private let lock = NSLock()
    private var units: [String: UnitHTML] = [:]

    /// The unit's HTML, rendering it on first use (two requests may both render it; either wins).
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
}
