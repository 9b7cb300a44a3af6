/// A set of questions with a pass mark.
public struct Assessment: Sendable, Hashable {
    /// Stable key, referred to by modules.
    public var id: String
    /// The title people see.
    public var title: String
    /// The score needed to pass, in percent (0–100).
    public var passMark: Double
    /// How many tries are allowed; nil means as many as the trainee likes.
    public var maximumAttempts: Int?
    /// Hours to wait between tries, if any.
    public var coolDownHours: Int?
    /// Words before the first question.
    public var introduction: [Block]
    /// The questions, in order.
    public var questions: [Question]
    /// The file it came from, as shown in diagnostics.
    public var sourcePath: String

    /// Makes a value with every field given.
    public init(
        id: String,
        title: String,
        passMark: Double,
        maximumAttempts: Int?,
        coolDownHours: Int?,
        introduction: [Block],
        questions: [Question],
        sourcePath: String
    ) {
        self.id = id
        self.title = title
        self.passMark = passMark
        self.maximumAttempts = maximumAttempts
        self.coolDownHours = coolDownHours
        self.introduction = introduction
        self.questions = questions
        self.sourcePath = sourcePath
    }
}

/// One question (or an information item, which has no answer).
public struct Question: Sendable, Hashable {
    /// Stable key, unique in its assessment.
    public var id: String
    /// Points for a fully correct answer.
    public var points: Double
    /// Labels from the author, such as an imported category.
    public var tags: [String]
    /// What is asked.
    public var prompt: [Inline]
    /// The type of question and its answers.
    public var kind: QuestionKind
    /// Feedback for the whole question.
    public var feedback: [Feedback]

    /// Makes a value with every field given.
    public init(
        id: String,
        points: Double,
        tags: [String],
        prompt: [Inline],
        kind: QuestionKind,
        feedback: [Feedback]
    ) {
        self.id = id
        self.points = points
        self.tags = tags
        self.prompt = prompt
        self.kind = kind
        self.feedback = feedback
    }
}

/// The types of question Waymark asks, each with what makes an answer right.
public enum QuestionKind: Sendable, Hashable {
    /// Pick one choice; exactly one is correct.
    case singleChoice([Choice], shuffle: Bool)
    /// Pick any number; partial credit.
    case multipleChoice([Choice], shuffle: Bool)
    /// True or false.
    case trueFalse(answer: Bool)
    /// Type a word or phrase; `*` in an accepted answer matches anything.
    case shortAnswer([AcceptedAnswer], caseSensitive: Bool)
    /// Type a number, right within a tolerance.
    case numerical([NumericAnswer], unit: String?)
    /// Match each term to its match; distractors are extra, wrong matches.
    case matching([MatchPair], distractors: [String])
    /// Put items in order; written in the correct order.
    case ordering([OrderItem])
    /// Fill in the blanks in a text: each typed, a number, or chosen from a list; marked blank by blank.
    case blanks(text: [BlanksPiece], blanks: [Blank])
    /// Free text that a trainer reviews.
    case reflection(guidance: [Inline], minimumWords: Int?)
    /// Words to read; no answer.
    case information

    /// The element name trainers write, such as "single-choice".
    public var typeName: String {
        switch self {
        case .singleChoice: "single-choice"
        case .multipleChoice: "multiple-choice"
        case .trueFalse: "true-false"
        case .shortAnswer: "short-answer"
        case .numerical: "numerical"
        case .matching: "matching"
        case .ordering: "ordering"
        case .blanks: "blanks"
        case .reflection: "reflection"
        case .information: "information"
        }
    }
}

/// One choice in a choice question.
public struct Choice: Sendable, Hashable {
    /// Stable key, unique in its question.
    public var id: String
    /// What the trainee reads.
    public var text: [Inline]
    /// Whether picking it is right.
    public var isCorrect: Bool
    /// Share of the points, in percent, when the author set one (negative takes points away).
    public var weight: Double?
    /// Said when this choice was picked.
    public var feedback: String?

    /// Makes a value with every field given.
    public init(
        id: String,
        text: [Inline],
        isCorrect: Bool,
        weight: Double?,
        feedback: String?
    ) {
        self.id = id
        self.text = text
        self.isCorrect = isCorrect
        self.weight = weight
        self.feedback = feedback
    }
}

/// One accepted answer to a short-answer question.
public struct AcceptedAnswer: Sendable, Hashable {
    /// The answer; `*` matches any characters.
    public var text: String
    /// Share of the points, in percent.
    public var weight: Double
    /// Said when this answer was given.
    public var feedback: String?

    /// Makes a value with every field given.
    public init(
        text: String,
        weight: Double,
        feedback: String?
    ) {
        self.text = text
        self.weight = weight
        self.feedback = feedback
    }
}

/// One accepted answer to a numerical question.
public struct NumericAnswer: Sendable, Hashable {
    /// The right value.
    public var value: Double
    /// How far off an answer may be and still count.
    public var tolerance: Double
    /// Share of the points, in percent.
    public var weight: Double
    /// Said when this answer was given.
    public var feedback: String?

    /// Makes a value with every field given.
    public init(
        value: Double,
        tolerance: Double,
        weight: Double,
        feedback: String?
    ) {
        self.value = value
        self.tolerance = tolerance
        self.weight = weight
        self.feedback = feedback
    }
}

/// A term and what it matches.
public struct MatchPair: Sendable, Hashable {
    /// Stable key, unique in its question.
    public var id: String
    /// The term shown on its own.
    public var term: [Inline]
    /// The match the trainee picks from a list.
    public var match: String

    /// Makes a value with every field given.
    public init(
        id: String,
        term: [Inline],
        match: String
    ) {
        self.id = id
        self.term = term
        self.match = match
    }
}

/// One item of an ordering question.
public struct OrderItem: Sendable, Hashable {
    /// Stable key, unique in its question.
    public var id: String
    /// What the trainee reads.
    public var text: [Inline]

    /// Makes a value with every field given.
    public init(
        id: String,
        text: [Inline]
    ) {
        self.id = id
        self.text = text
    }
}

/// Feedback on the whole question.
public struct Feedback: Sendable, Hashable {
    /// When it is shown.
    public var condition: Condition
    /// What it says.
    public var text: [Inline]

    /// When feedback is shown.
    public enum Condition: String, Sendable, Hashable {
        case always
        case correct
        case partial
        case incorrect
    }

    /// Makes a value with every field given.
    public init(
        condition: Condition,
        text: [Inline]
    ) {
        self.condition = condition
        self.text = text
    }
}
