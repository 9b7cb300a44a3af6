import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkXML

/// How each Moodle question type becomes a Waymark question (or is skipped, with the reason).
extension MoodleReader {
    func multichoice(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        let single = boolValue(child(element, "single"), default: true)
        let shuffle = boolValue(child(element, "shuffleanswers"), default: true)
        let answers = children(element, "answer")
        if let refused = refusedGrade(element, answers) { return .failure(refused) }
        var choices: [Choice] = []
        var ids = UniqueIDs()
        for (index, answer) in answers.enumerated() {
            let fraction = MoodleGrades.snapped(fractionOf(answer))
            let text = richText(answer, converter: &converter)
            choices.append(
                Choice(
                    id: ids.claim(Self.letterID(index)),
                    text: text,
                    isCorrect: single ? fraction >= 100 : fraction > 0,
                    weight: fraction,
                    feedback: feedbackText(answer, converter: &converter)
                )
            )
        }
        if single {
            guard choices.contains(where: \.isCorrect) else {
                return .failure(Skip(message: "No answer is worth 100%, so Moodle would not save this single-answer question either."))
            }
            // All-or-nothing choices need no weights; partial ones keep theirs.
            if choices.allSatisfy({ $0.weight == 0 || $0.weight == 100 }) {
                choices = choices.map {
                    var choice = $0
                    choice.weight = nil
                    return choice
                }
            }
            return .success((.singleChoice(choices, shuffle: shuffle), []))
        }
        let positive = choices.compactMap(\.weight).filter { $0 > 0 }.reduce(0, +)
        if abs(positive - 100) > 0.01 {
            return .failure(
                Skip(
                    message:
                        "The positive grades add up to \(AssessmentWriter.number(positive))%, not 100%, so Moodle would not save this question either."
                )
            )
        }
        return .success((.multipleChoice(choices, shuffle: shuffle), []))
    }

    /// Moodle's own import refuses a question whose grades are not in its list; so do we, saying
    /// so the way Moodle would and where.
    func refusedGrade(_ element: ParsedElement, _ answers: [ParsedElement]) -> Skip? {
        let bad = answers.filter { !MoodleGrades.isAllowed(fractionOf($0)) }
        guard let first = bad.first else { return nil }
        let grades = bad.map { answer in
            let written = answer.attribute("fraction") ?? "0"
            return "\(written) (line \(answer.location.line))"
        }
        let moodleList = bad.map { AssessmentWriter.number(fractionOf($0) / 100) }.joined(separator: ", ")
        let name = questionPlainName(element)
        let message =
            "\(Self.gradesNotAllowed(grades)): Moodle accepts only the grades in its list "
            + "(100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0, "
            + "and the same below zero). Moodle itself says: \"Grades (\(moodleList)) do not match grade options - question '\(name)' skipped.\""
        return Skip(message: message, line: first.location.line)
    }

    /// "The grade 33 (line 38) is not allowed", or for several "The grades 33 (line 31), 33 (line
    /// 32) and 33 (line 33) are not allowed".
    static func gradesNotAllowed(_ grades: [String]) -> String {
        guard let last = grades.last, grades.count > 1 else { return "The grade \(grades.first ?? "") is not allowed" }
        return "The grades \(grades.dropLast().joined(separator: ", ")) and \(last) are not allowed"
    }

    func truefalse(_ element: ParsedElement, converter: inout RichTextConverter) -> Result<(QuestionKind, [Feedback]), Skip> {
        var answerIsTrue: Bool?
        var feedback: [Feedback] = []
        var right: [Inline] = []
        var wrong: [Inline] = []
        for answer in children(element, "answer") {
            let value = (child(answer, "text")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let isTrue = value == "true" || value == "1"
            let text = child(answer, "feedback").map { richText($0, converter: &converter) } ?? []
            if fractionOf(answer) >= 100 {
                answerIsTrue = isTrue
                right = text
            } else {
                wrong = text
            }
        }
        guard let answerIsTrue else {
            return .failure(Skip(message: "Neither true nor false is worth 100%, so there is no right answer."))
        }
        if !right.isEmpty { feedback.append(Feedback(condition: .correct, text: right)) }
        if !wrong.isEmpty { feedback.append(Feedback(condition: .incorrect, text: wrong)) }
        return .success((.trueFalse(answer: answerIsTrue), feedback))
    }

    func shortanswer(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        let answers = children(element, "answer")
        if let refused = refusedGrade(element, answers) { return .failure(refused) }
        let caseSensitive = boolValue(child(element, "usecase"), default: false)
        var accepted: [AcceptedAnswer] = []
        var best = -Double.infinity
        for answer in answers {
            let text = foldedPlain(child(answer, "text")?.text ?? "")
            guard !text.isEmpty else { continue }
            let weight = MoodleGrades.snapped(fractionOf(answer))
            if weight < 0 {
                messages.append("The answer \"\(text)\" took marks away (\(AssessmentWriter.number(weight))%); Waymark gives it 0.")
            }
            if text.contains("\\*") {
                messages.append("The answer \"\(text)\" used \\* for a real star; Waymark reads every * as \"anything\".")
            }
            if weight < best, accepted.contains(where: { WildcardPattern($0.text, caseSensitive: caseSensitive).matches(text) }) {
                messages.append("The answer \"\(text)\" can never be reached in Moodle (an earlier answer matches first).")
            }
            best = max(best, weight)
            accepted.append(AcceptedAnswer(text: text, weight: max(0, weight), feedback: feedbackText(answer, converter: &converter)))
        }
        return .success((.shortAnswer(accepted, caseSensitive: caseSensitive), []))
    }

    func numerical(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        let answers = children(element, "answer")
        if let refused = refusedGrade(element, answers) { return .failure(refused) }
        var result: [NumericAnswer] = []
        for answer in answers {
            let written = (child(answer, "text")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if written == "*" {
                messages.append("The \"any other answer\" (*) was not kept: Waymark gives no marks for other numbers.")
                continue
            }
            guard let value = Double(written), value.isFinite else {
                messages.append("The answer \"\(written)\" is not a number and was left out.")
                continue
            }
            let tolerance = child(answer, "tolerance").flatMap { Double($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
            let weight = MoodleGrades.snapped(fractionOf(answer))
            if weight < 0 {
                messages.append("The answer \(written) took marks away (\(AssessmentWriter.number(weight))%); Waymark gives it 0.")
            }
            result.append(
                NumericAnswer(value: value, tolerance: abs(tolerance), weight: max(0, weight), feedback: feedbackText(answer, converter: &converter))
            )
        }
        var unit: String?
        let units = child(element, "units").map { children($0, "unit") } ?? []
        if let base = units.first(where: { Double(child($0, "multiplier")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") == 1 }) {
            let name = foldedPlain(child(base, "unit_name")?.text ?? "")
            if !name.isEmpty { unit = name }
        }
        if units.count > 1 {
            messages.append("Only the unit \(unit ?? "with multiplier 1") was kept: Waymark does not convert between units.")
        }
        guard result.contains(where: { $0.weight >= 100 }) else {
            return .failure(Skip(message: "No numerical answer is worth 100%."))
        }
        return .success((.numerical(result, unit: unit), []))
    }

    func matching(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        var pairs: [MatchPair] = []
        var distractors: [String] = []
        var ids = UniqueIDs()
        for sub in children(element, "subquestion") {
            let match = foldedPlain(child(sub, "answer").flatMap { child($0, "text") }?.text ?? "")
            let term = richText(sub, converter: &converter)
            if term.isEmpty {
                if !match.isEmpty { distractors.append(match) }
                continue
            }
            guard !match.isEmpty else {
                return .failure(Skip(message: "A subquestion has no answer.", line: sub.location.line))
            }
            pairs.append(MatchPair(id: ids.claim(Slug.make(term.plainText, fallback: "pair")), term: term, match: match))
        }
        let real = Set(pairs.map { $0.match.lowercased() })
        let extra = distractors.filter { !real.contains($0.lowercased()) }
        if extra.count < distractors.count {
            messages.append("A wrong answer that is the same as a right one was shown once, as Moodle does.")
        }
        var seen: Set<String> = []
        distractors = extra.filter { seen.insert($0.lowercased()).inserted }
        // shuffleanswers needs no counterpart: Waymark always lists the matches in its own order.
        return .success((.matching(pairs, distractors: distractors), []))
    }

    func essay(_ element: ParsedElement, messages: inout [String]) -> Result<(QuestionKind, [Feedback]), Skip> {
        let minimum = child(element, "minwordlimit").flatMap { Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if let maximum = child(element, "maxwordlimit").flatMap({ Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }), maximum > 0 {
            messages.append("The word limit of \(maximum) was not kept: Waymark sets only a minimum.")
        }
        if let attachments = child(element, "attachments").flatMap({ Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }), attachments != 0
        {
            messages.append("Attachments were not kept: a Waymark reflection is written text.")
        }
        if let info = child(element, "graderinfo").flatMap({ child($0, "text") }), !foldedPlain(info.text).isEmpty {
            messages.append("The information for graders was not kept: Waymark shows reflection guidance to the trainee.")
        }
        return .success((.reflection(guidance: [], minimumWords: minimum.flatMap { $0 > 0 ? $0 : nil }), []))
    }
}
