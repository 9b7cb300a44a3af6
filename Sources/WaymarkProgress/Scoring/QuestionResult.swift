import WaymarkCurriculum

/// How one answer to one question was scored, with the feedback that applies to it.
public struct QuestionResult: Sendable, Hashable {
    /// The question scored.
    public var questionID: String
    /// Points earned: the question's points times the share of credit.
    public var earned: Double
    /// Points possible; 0 for reflections and information, which are not scored.
    public var possible: Double
    /// Whether the answer was right, partly right, wrong, or not scored at all.
    public var outcome: Outcome
    /// Feedback written for the choices or answers the trainee gave, in the question's order.
    public var feedback: [String]
    /// The question's own feedback whose condition is "always" or matches the outcome.
    public var questionFeedback: [Feedback]
    /// For a blanks question, how each blank was marked, in the order they stand in the text.
    public var blanks: [BlankResult] = []

    /// How an answer turned out.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case correct
        case partial
        case incorrect
        /// Reflections and information items: nothing to mark.
        case notScored = "not-scored"
    }

    /// A result with every field given.
    public init(
        questionID: String,
        earned: Double,
        possible: Double,
        outcome: Outcome,
        feedback: [String],
        questionFeedback: [Feedback],
        blanks: [BlankResult] = []
    ) {
        self.blanks = blanks
        self.questionID = questionID
        self.earned = earned
        self.possible = possible
        self.outcome = outcome
        self.feedback = feedback
        self.questionFeedback = questionFeedback
    }
}

/// How one blank of a blanks question was marked.
public struct BlankResult: Sendable, Hashable {
    /// The blank's number, as written `{{n}}`.
    public var number: Int
    /// What was typed or chosen (trimmed); nil when it was left empty.
    public var given: String?
    /// Share of the blank's marks earned, 0…100.
    public var percent: Double
    /// Right, partly right or wrong.
    public var outcome: QuestionResult.Outcome
    /// The feedback the author wrote for the answer given, if any.
    public var feedback: String?

    /// A result with every field given.
    public init(number: Int, given: String?, percent: Double, outcome: QuestionResult.Outcome, feedback: String?) {
        self.number = number
        self.given = given
        self.percent = percent
        self.outcome = outcome
        self.feedback = feedback
    }
}
