import WaymarkCurriculum

extension Credit {
    /// Blanks: each blank marked on its own (typed words as a short answer, a number as a
    /// numerical answer, a list as a single choice), and the question's share the mean of the
    /// blanks' shares weighted by their marks (all 1 unless the author set them, as Moodle's
    /// cloze marks do). A blank left empty earns nothing.
    static func blanks(_ blanks: [Blank], answer: Answer?) -> Credit {
        let given: [String: String]
        if case .blanks(let sent) = answer { given = sent } else { given = [:] }
        let results = blanks.map { blank in mark(blank, given: given[String(blank.number)]) }
        let totalMarks = blanks.reduce(0) { $0 + max(0, $1.marks) }
        guard totalMarks > 0 else { return Credit(percent: 0, blanks: results) }
        let earned = zip(blanks, results).reduce(0) { $0 + max(0, $1.0.marks) * $1.1.percent }
        return Credit(percent: earned / totalMarks, feedback: [], blanks: results)
    }

    static func mark(_ blank: Blank, given: String?) -> BlankResult {
        let typed = given.map { WildcardPattern.normalised($0, caseSensitive: true) } ?? ""
        guard !typed.isEmpty else {
            return BlankResult(number: blank.number, given: nil, percent: 0, outcome: .incorrect, feedback: nil)
        }
        let percent: Double
        let feedback: String?
        switch blank.answer {
        case .typed(let accepted, let caseSensitive):
            let best = bestAccepted(accepted, caseSensitive: caseSensitive, text: typed)
            (percent, feedback) = (best?.weight ?? 0, best?.feedback)
        case .number(let accepted):
            let best = TypedNumber.parse(typed).flatMap { bestNumeric(accepted, number: $0) }
            (percent, feedback) = (best?.weight ?? 0, best?.feedback)
        case .choose(let options):
            let chosen = options.first { $0.text == typed }
            (percent, feedback) = (chosen?.credit ?? 0, chosen?.feedback)
        }
        let clamped = min(100, max(0, percent))
        let outcome: QuestionResult.Outcome = clamped >= 100 - 1e-9 ? .correct : clamped > 1e-9 ? .partial : .incorrect
        return BlankResult(number: blank.number, given: typed, percent: clamped, outcome: outcome, feedback: feedback)
    }
}
