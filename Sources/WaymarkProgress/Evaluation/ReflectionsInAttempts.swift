import Foundation
import WaymarkCurriculum

extension Progression {
    /// The reflections a trainee wrote inside an assessment, as submissions for a coordinator to
    /// read, so they need not write them again on the reflections page. Only answers long enough
    /// for the question's minimum, and only for prompts not accepted already.
    public static func reflectionSubmissions(in attempt: AttemptRecord, of assessment: Assessment, history events: [TraineeEvent]) -> [EventKind] {
        let history = TraineeHistory(events, programmeID: events.first?.programmeID ?? "")
        return assessment.questions.compactMap { question -> EventKind? in
            guard case .reflection(_, let minimumWords) = question.kind,
                case .reflection(let written)? = attempt.answers[question.id]
            else { return nil }
            let text = written.trimmingCharacters(in: .whitespacesAndNewlines)
            let words = text.split(whereSeparator: \.isWhitespace).count
            guard !text.isEmpty, words >= (minimumWords ?? 1), text.count <= 20_000 else { return nil }
            guard !history.isAccepted(question.id) else { return nil }
            return .reflectionSubmitted(promptID: question.id, text: text)
        }
    }

}
