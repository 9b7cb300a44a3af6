/// A fill-in-the-blank question's text: words, with a blank wherever the author wrote `{{n}}`.
public enum BlanksPiece: Sendable, Hashable {
    /// Words between blanks, in the safe text subset.
    case words([Inline])
    /// The blank numbered `n`, answered in its place in the sentence.
    case blank(Int)
}

/// One blank: what it takes to fill it, and how much it counts.
public struct Blank: Sendable, Hashable {
    /// The number written in the text as `{{n}}`, unique in its question.
    public var number: Int
    /// How much this blank counts next to the other blanks of its question (1 unless the author
    /// set `marks`, as Moodle's cloze marks do).
    public var marks: Double
    /// What fills it.
    public var answer: BlankAnswer

    /// Makes a value with every field given.
    public init(number: Int, marks: Double, answer: BlankAnswer) {
        self.number = number
        self.marks = marks
        self.answer = answer
    }
}

/// The ways a blank is filled.
public enum BlankAnswer: Sendable, Hashable {
    /// Typed words, marked like a short-answer question: `*` matches anything.
    case typed([AcceptedAnswer], caseSensitive: Bool)
    /// A typed number, right within a tolerance, marked like a numerical question.
    case number([NumericAnswer])
    /// Chosen from a list.
    case choose([BlankOption])
}

/// One option in a blank's list.
public struct BlankOption: Sendable, Hashable {
    /// What the trainee reads in the list (plain text: a list cannot show anything else).
    public var text: String
    /// Whether choosing it is right.
    public var isCorrect: Bool
    /// Share of the blank's marks, in percent (0–100), when the author set one.
    public var weight: Double?
    /// Said when this option was chosen.
    public var feedback: String?

    /// Makes a value with every field given.
    public init(text: String, isCorrect: Bool, weight: Double?, feedback: String?) {
        self.text = text
        self.isCorrect = isCorrect
        self.weight = weight
        self.feedback = feedback
    }

    /// The share it earns: its weight when set, otherwise all or nothing.
    public var credit: Double {
        weight ?? (isCorrect ? 100 : 0)
    }
}

extension [BlanksPiece] {
    /// The blank numbers in the order they stand in the text.
    public var blankNumbers: [Int] {
        compactMap { if case .blank(let number) = $0 { number } else { nil } }
    }
}
