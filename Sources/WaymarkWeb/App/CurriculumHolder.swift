import Foundation
import WaymarkCurriculum

/// The curriculum in use: an immutable value, replaced whole when a reload validates, so a
/// request sees either the old curriculum or the new one, never half of each.
public final class CurriculumHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Curriculum
    private var loaded: Date
    /// HTML rendered from this curriculum; a new, empty one comes with every replacement.
    private var rendered = RenderedCurriculum()

    public init(_ curriculum: Curriculum, loadedAt: Date) {
        value = curriculum
        loaded = loadedAt
    }

    /// The curriculum now and the HTML rendered from it, taken together so they always match.
    var snapshot: (curriculum: Curriculum, rendered: RenderedCurriculum) {
        lock.withLock { (value, rendered) }
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
            rendered = RenderedCurriculum()
        }
    }
}
