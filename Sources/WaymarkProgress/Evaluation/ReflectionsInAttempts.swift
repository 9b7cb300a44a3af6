import Foundation
import WaymarkCurriculum

extension Progression {
    /// The reflections a trainee wrote inside an assessment, as submissions for a coordinator to
    /// read, so they need not write them again on the reflections page. Only answers long enough
    /// for the question's minimum, and only for prompts not accepted already.
    public static func reflectionSubmissions(in attempt: AttemptRecord, of assessment: Assessment, history events: [TraineeEvent]) -> [EventKind] {
        assessment.questions.compactMap { question -> EventKind? in
            guard case .reflection(_, let minimumWords) = question.kind,
                case .reflection(let written)? = attempt.answers[question.id]
            else { return nil }
            let text = written.trimmingCharacters(in: .whitespacesAndNewlines)
            let words = text.split(whereSeparator: \.isWhitespace).count
            guard !text.isEmpty, words >= (minimumWords ?? 1), text.count <= 20_000 else { return nil }
            guard !isAccepted(question.id, in: events) else { return nil }
            return .reflectionSubmitted(promptID: question.id, text: text)
        }
    }

    /// Whether the latest review of a prompt, after its latest submission, accepted it.
    static func isAccepted(_ promptID: String, in events: [TraineeEvent]) -> Bool {
        var submitted = 0
        var accepted = 0
        for event in events {
            switch event.kind {
            case .reflectionSubmitted(promptID, _): submitted = event.sequence
            case .reflectionReviewed(promptID, let outcome, _): accepted = outcome == .accepted ? event.sequence : 0
            default: break
            }
        }
        return accepted > submitted
    }
}
