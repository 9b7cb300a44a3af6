import Foundation
import WaymarkCurriculum

/// Whether a trainee may take an assessment now.
public enum AttemptAvailability: Sendable, Hashable {
    /// They can take it now.
    case available
    /// The cool-down since their last try ends at this time.
    case waitUntil(Date)
    /// They have used every try the assessment allows; a coordinator can help.
    case noTriesLeft
}

extension Progression {
    /// Whether the assessment can be taken at `now`, given earlier tries (others' are ignored).
    /// Retakes are allowed unless the assessment sets a maximum (plus any `extraTries` a
    /// coordinator allowed); a cool-down runs from the last try.
    public static func attemptAvailability(_ assessment: Assessment, attempts: [DatedAttempt], extraTries: Int = 0, now: Date) -> AttemptAvailability
    {
        let mine = attempts.filter { $0.record.assessmentID == assessment.id }
        if let maximum = assessment.maximumAttempts, mine.count >= maximum + extraTries {
            return .noTriesLeft
        }
        if let hours = assessment.coolDownHours, hours > 0, let last = mine.map(\.at).max() {
            let opens = last.addingTimeInterval(Double(hours) * 3600)
            if now < opens { return .waitUntil(opens) }
        }
        return .available
    }
}

extension Progression {
    /// How many more tries coordinators allowed at an assessment, from a trainee's events.
    public static func extraTries(at assessmentID: String, in events: [TraineeEvent]) -> Int {
        events.reduce(0) { count, event in
            if case .anotherTryAllowed(assessmentID) = event.kind { return count + 1 }
            return count
        }
    }
}
