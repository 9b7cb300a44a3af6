import WaymarkCurriculum

/// The share of a question's points an answer earns, in percent, and the feedback it triggered.
/// Internal: `Scoring` turns it into a `QuestionResult`.
struct Credit: Sendable, Hashable {
    /// 0…100.
    var percent: Double
    /// Feedback written for the choices or answers given.
    var feedback: [String]
    /// Blank by blank, for a blanks question.
    var blanks: [BlankResult] = []

    static let none = Credit(percent: 0, feedback: [])

    init(percent: Double, feedback: [String] = [], blanks: [BlankResult] = []) {
        self.percent = min(100, max(0, percent))
        self.feedback = feedback
        self.blanks = blanks
    }
}

extension Credit {
    /// Single choice: the chosen choice's weight when the author set one (never below 0),
    /// otherwise all or nothing.
    static func singleChoice(_ choices: [Choice], answer: Answer?) -> Credit {
        guard case .choice(let id) = answer, let chosen = choices.first(where: { $0.id == id }) else { return .none }
        let percent = chosen.weight ?? (chosen.isCorrect ? 100 : 0)
        return Credit(percent: percent, feedback: chosen.feedback.map { [$0] } ?? [])
    }

    /// Multiple choice: weights add up when the author set any; otherwise each right choice earns
    /// an equal share and each wrong choice picked takes an equal share away. Clamped to 0…100.
    static func multipleChoice(_ choices: [Choice], answer: Answer?) -> Credit {
        guard case .choices(let ids) = answer else { return .none }
        let picked = Set(ids)
        let chosen = choices.filter { picked.contains($0.id) }
        guard !chosen.isEmpty else { return .none }
        let feedback = chosen.compactMap(\.feedback)
        if choices.contains(where: { $0.weight != nil }) {
            return Credit(percent: chosen.reduce(0) { $0 + ($1.weight ?? 0) }, feedback: feedback)
        }
        let correctCount = choices.filter(\.isCorrect).count
        let wrongCount = choices.count - correctCount
        var percent = 0.0
        for choice in chosen {
            if choice.isCorrect {
                percent += 100 / Double(max(correctCount, 1))
            } else {
                percent -= 100 / Double(max(wrongCount, 1))
            }
        }
        return Credit(percent: percent, feedback: feedback)
    }

    /// True or false: all or nothing.
    static func trueFalse(_ expected: Bool, answer: Answer?) -> Credit {
        guard case .trueFalse(let given) = answer else { return .none }
        return Credit(percent: given == expected ? 100 : 0)
    }

    /// Short answer: the best weight among the accepted answers the text matches.
    static func shortAnswer(_ accepted: [AcceptedAnswer], caseSensitive: Bool, answer: Answer?) -> Credit {
        guard case .text(let text) = answer, let best = bestAccepted(accepted, caseSensitive: caseSensitive, text: text) else { return .none }
        return Credit(percent: best.weight, feedback: best.feedback.map { [$0] } ?? [])
    }

    /// The accepted answer with the best weight that the text matches.
    static func bestAccepted(_ accepted: [AcceptedAnswer], caseSensitive: Bool, text: String) -> AcceptedAnswer? {
        accepted
            .filter { WildcardPattern($0.text, caseSensitive: caseSensitive).matches(text) }
            .max { $0.weight < $1.weight }
    }

    /// Numerical: the best weight among the answers the number is within tolerance of.
    static func numerical(_ accepted: [NumericAnswer], answer: Answer?) -> Credit {
        guard case .number(let number) = answer, let best = bestNumeric(accepted, number: number) else { return .none }
        return Credit(percent: best.weight, feedback: best.feedback.map { [$0] } ?? [])
    }

    /// The answer with the best weight that the number is within tolerance of.
    static func bestNumeric(_ accepted: [NumericAnswer], number: Double) -> NumericAnswer? {
        guard number.isFinite else { return nil }
        return accepted
            .filter { abs(number - $0.value) <= $0.tolerance + 4 * max(abs(number), abs($0.value), $0.tolerance).ulp }
            .max { $0.weight < $1.weight }
    }

    /// Matching: the share of pairs given their own match.
    static func matching(_ pairs: [MatchPair], answer: Answer?) -> Credit {
        guard case .matches(let given) = answer, !pairs.isEmpty else { return .none }
        let right = pairs.filter { given[$0.id] == $0.match }.count
        return Credit(percent: Double(right) / Double(pairs.count) * 100)
    }

    /// Ordering: the share of items in their correct position.
    static func ordering(_ items: [OrderItem], answer: Answer?) -> Credit {
        guard case .order(let given) = answer, !items.isEmpty else { return .none }
        let right = items.indices.filter { $0 < given.count && given[$0] == items[$0].id }.count
        return Credit(percent: Double(right) / Double(items.count) * 100)
    }
}
