import WaymarkCurriculum

/// Marks answers against the curriculum. Pure: the same question and answer always score the same.
public enum Scoring {
    /// Scores one answer; a missing answer, or one of the wrong type, earns nothing.
    public static func score(_ question: Question, answer: Answer?) -> QuestionResult {
        let credit: Credit
        switch question.kind {
        case .singleChoice(let choices, _): credit = .singleChoice(choices, answer: answer)
        case .multipleChoice(let choices, _): credit = .multipleChoice(choices, answer: answer)
        case .trueFalse(let expected): credit = .trueFalse(expected, answer: answer)
        case .shortAnswer(let accepted, let caseSensitive): credit = .shortAnswer(accepted, caseSensitive: caseSensitive, answer: answer)
        case .numerical(let accepted, _): credit = .numerical(accepted, answer: answer)
        case .matching(let pairs, _): credit = .matching(pairs, answer: answer)
        case .ordering(let items): credit = .ordering(items, answer: answer)
        case .blanks(_, let blanks): credit = .blanks(blanks, answer: answer)
        case .reflection, .information:
            return QuestionResult(
                questionID: question.id,
                earned: 0,
                possible: 0,
                outcome: .notScored,
                feedback: [],
                questionFeedback: question.feedback.filter { $0.condition == .always }
            )
        }
        let outcome: QuestionResult.Outcome =
            credit.percent >= 100 - 1e-9 ? .correct : credit.percent > 1e-9 ? .partial : .incorrect
        return QuestionResult(
            questionID: question.id,
            earned: question.points * credit.percent / 100,
            possible: question.points,
            outcome: outcome,
            feedback: credit.feedback,
            questionFeedback: question.feedback.filter { $0.condition == .always || $0.condition.rawValue == outcome.rawValue },
            blanks: credit.blanks
        )
    }

    /// Scores a whole submission into the record that is stored with the attempt, under the
    /// assessment's current pass mark. Answers to questions the assessment does not have are dropped.
    public static func attempt(
        _ assessment: Assessment,
        moduleID: String,
        answers: [String: Answer]
    ) -> (record: AttemptRecord, results: [QuestionResult]) {
        let results = assessment.questions.map { score($0, answer: answers[$0.id]) }
        var points: [String: Double] = [:]
        for result in results where result.outcome != .notScored {
            points[result.questionID] = result.earned
        }
        let questionIDs = Set(assessment.questions.map(\.id))
        let record = AttemptRecord(
            assessmentID: assessment.id,
            moduleID: moduleID,
            answers: answers.filter { questionIDs.contains($0.key) },
            points: points,
            possiblePoints: results.reduce(0) { $0 + $1.possible },
            passMark: assessment.passMark
        )
        return (record, results)
    }
}
