import Foundation
import WaymarkCurriculum

/// Why a reflection written inside a check cannot be sent to a coordinator as it is.
public enum ReflectionAnswerProblem: Sendable, Hashable {
    /// Fewer words than the question asks for (at least one when it names no minimum).
    case tooShort(minimum: Int, written: Int)
    /// Longer than the record keeps.
    case tooLong(limit: Int)
}

extension Progression {
    /// The longest reflection kept, in characters: a few pages, far more than any prompt asks
    /// for, and the same whether it is written on the reflection page or inside a check.
    public static let reflectionCharacterLimit = 10_000

    /// The reflections a trainee wrote inside an assessment, as submissions for a coordinator to
    /// read, so they need not write them again on the reflections page. Only answers without a
    /// `reflectionProblem`, and only for prompts not accepted already.
    public static func reflectionSubmissions(in attempt: AttemptRecord, of assessment: Assessment, history events: [TraineeEvent]) -> [EventKind] {
        let history = TraineeHistory(events, programmeID: events.first?.programmeID ?? "")
        return assessment.questions.compactMap { question -> EventKind? in
            guard case .reflection = question.kind, case .reflection(let written)? = attempt.answers[question.id] else { return nil }
            guard reflectionProblem(question, written) == nil, !history.isAccepted(question.id) else { return nil }
            return .reflectionSubmitted(promptID: question.id, text: written.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The reflection questions whose answers could not be sent as written, by question id:
    /// a check is only taken once these are put right, so no reflection is dropped unseen. One
    /// left empty is fine when the trainee sent that reflection before (a retake).
    public static func reflectionProblems(
        in answers: [String: Answer],
        of assessment: Assessment,
        history events: [TraineeEvent]
    ) -> [String: ReflectionAnswerProblem] {
        let history = TraineeHistory(events, programmeID: events.first?.programmeID ?? "")
        var problems: [String: ReflectionAnswerProblem] = [:]
        for question in assessment.questions {
            guard case .reflection = question.kind else { continue }
            var written = ""
            if case .reflection(let text)? = answers[question.id] { written = text }
            if written.allSatisfy(\.isWhitespace), history.reflections[question.id]?.lastSubmitted != nil { continue }
            problems[question.id] = reflectionProblem(question, written)
        }
        return problems
    }

    private static func reflectionProblem(_ question: Question, _ written: String) -> ReflectionAnswerProblem? {
        guard case .reflection(_, let minimumWords) = question.kind else { return nil }
        let text = written.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = text.split(whereSeparator: \.isWhitespace).count
        let minimum = max(minimumWords ?? 1, 1)
        if words < minimum { return .tooShort(minimum: minimum, written: words) }
        if text.count > reflectionCharacterLimit { return .tooLong(limit: reflectionCharacterLimit) }
        return nil
    }
}
