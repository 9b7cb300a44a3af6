import Foundation
import WaymarkCurriculum

/// Where a trainee stands on one module of the programme.
struct ModuleState: Sendable {
    var module: Module
    /// The unit's title, or the module id when the unit did not load.
    var title: String
    var assessment: Assessment?
    /// When the unit was first read.
    var readAt: Date?
    /// Tries at this module's assessment, oldest first.
    var attempts: [DatedAttempt]
    /// When the first passing try was made (by the pass mark in force when it was taken).
    var passedAt: Date?
    var isAvailable = false

    var isRead: Bool { readAt != nil }
    var needsAssessment: Bool { module.assessmentID != nil }
    var isPassed: Bool { passedAt != nil }
    var isComplete: Bool { isRead && (!needsAssessment || isPassed) }
    /// The best score so far, in percent; the best try is the one that counts.
    var bestPercent: Double? { attempts.map(\.record.percent).max() }

    /// When both reading and passing were done.
    var completedAt: Date? {
        guard let readAt, isComplete else { return nil }
        guard let passedAt else { return readAt }
        return max(readAt, passedAt)
    }

    /// Steps done and needed: read, then pass the check when there is one.
    var stepsDone: Int { (isRead ? 1 : 0) + (needsAssessment && isPassed ? 1 : 0) }
    var stepsNeeded: Int { needsAssessment ? 2 : 1 }

    init(_ module: Module, in programme: Programme, title: String?, history: TraineeHistory) {
        self.module = module
        self.title = title ?? module.id
        self.assessment = programme.assessment(for: module)
        self.readAt = history.unitsRead[module.id]
        // An attempt counts for this module when it was at its assessment, or was recorded for
        // this module under an earlier version that used a different assessment id.
        self.attempts = history.attempts.filter {
            $0.record.moduleID == module.id || (module.assessmentID != nil && $0.record.assessmentID == module.assessmentID)
        }
        self.passedAt = attempts.first { $0.record.passed }?.at
    }
}
