import Foundation
import WaymarkCurriculum

/// The curriculum in use: an immutable value, replaced whole when a reload validates, so a
/// request sees either the old curriculum or the new one, never half of each.
public final class CurriculumHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Curriculum
    private var loaded: Date
    /// What pages work out from this curriculum; a new, empty cache comes with every replacement.
    private var derived = CurriculumCache()
    /// Reloads of this curriculum, one at a time on a thread of their own.
    let reloads: CurriculumReloads

    /// Holds `curriculum`; reloads read folders with the standard loader.
    public convenience init(_ curriculum: Curriculum, loadedAt: Date) {
        self.init(curriculum, loadedAt: loadedAt, load: { directory throws(CurriculumFolderError) in
            try CurriculumLoader().load(from: directory, displayRoot: ".")
        })
    }

    /// Holds `curriculum`; reloads read folders with `load` (tests use a slow one).
    init(_ curriculum: Curriculum, loadedAt: Date, load: @escaping @Sendable (URL) throws(CurriculumFolderError) -> CurriculumReport) {
        value = curriculum
        loaded = loadedAt
        reloads = CurriculumReloads(load: load)
    }

    /// The curriculum now and what pages worked out from it, taken together so they always match.
    var snapshot: (curriculum: Curriculum, derived: CurriculumCache) {
        lock.withLock { (value, derived) }
    }

    /// The curriculum now.
    public var current: Curriculum {
        lock.withLock { value }
    }

    /// When the curriculum now in use was loaded.
    public var loadedAt: Date {
        lock.withLock { loaded }
    }

    /// Puts a new, already validated, curriculum in place.
    public func replace(with curriculum: Curriculum, at date: Date) {
        lock.withLock {
            value = curriculum
            loaded = date
            derived = CurriculumCache()
        }
    }
}
