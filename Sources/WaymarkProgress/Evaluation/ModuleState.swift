import Foundation
import WaymarkCurriculum

/// Where a trainee stands on one module of the programme. Holds no list of its tries: few rules
/// need one, and `JourneyState.attempts(at:)` gives it to them.
struct ModuleState: Sendable {
    /// What the programme says about the module; shared, so a copy of this state is cheap.
    let info: ProgrammeDigest.ModuleInfo
    /// When the unit was first read.
    var readAt: Date?
    /// Whether any try counts for this module.
    var isAttempted = false
    /// When the first passing try was made (by the pass mark in force when it was taken).
    var passedAt: Date?
    var isAvailable = false

    var module: Module { info.module }
    /// The unit's title, or the module id when the unit did not load.
    var title: String { info.title }
    var assessment: Assessment? { info.assessment }

    var isRead: Bool { readAt != nil }
    var needsAssessment: Bool { info.module.assessmentID != nil }
    var isPassed: Bool { passedAt != nil }
    var isComplete: Bool { isRead && (!needsAssessment || isPassed) }

    /// When both reading and passing were done.
    var completedAt: Date? {
        guard let readAt, isComplete else { return nil }
        guard let passedAt else { return readAt }
        return max(readAt, passedAt)
    }

    /// Steps done and needed: read, then pass the check when there is one.
    var stepsDone: Int { (isRead ? 1 : 0) + (needsAssessment && isPassed ? 1 : 0) }
    var stepsNeeded: Int { needsAssessment ? 2 : 1 }

    /// A module with nothing tried yet; `JourneyState` records the tries.
    init(_ info: ProgrammeDigest.ModuleInfo, readAt: Date?) {
        self.info = info
        self.readAt = readAt
    }
}
