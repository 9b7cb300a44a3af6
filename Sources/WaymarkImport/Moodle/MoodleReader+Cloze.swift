import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Moodle's embedded answers (cloze, `type="cloze"` in Moodle's own exports, `multianswer` in
/// older ones) become a Waymark blanks question. A cloze Moodle would refuse is refused here,
/// with Moodle's own words and which blank is at fault.
extension MoodleReader {
    func cloze(_ element: ParsedElement, converter: inout RichTextConverter, messages: inout [String]) -> Result<(QuestionKind, [Feedback]), Skip> {
        let field = child(element, "questiontext")
        let raw = field.flatMap { child($0, "text") }?.text ?? ""
        let parsed = ClozeParser.parse(raw)
        for unread in parsed.unread {
            messages.append("\"\(unread)\" looks like an embedded answer but does not follow Moodle's syntax, so it stays in the text, as Moodle shows it.")
        }
        var faults: [String] = []
        var moodleWords: [String] = []
        var blanks: [Blank] = []
        if parsed.embedded.isEmpty {
            faults.append("The question text has no embedded answer (such as {1:SHORTANSWER:=answer}).")
            moodleWords.append("The question text must include at least one embedded answer.")
        }
        for (index, embedded) in parsed.embedded.enumerated() {
            let number = index + 1
            if embedded.kind == .multiResponse {
                return .failure(
                    Skip(
                        message:
                            "Blank \(number) is \(embedded.typeName) (tick every right answer): a Waymark blank takes one answer, so the question was skipped. Make it a multiple-choice question of its own, or a MULTICHOICE blank."
                    )
                )
            }
            if let fault = Self.clozeFault(embedded) {
                faults.append("Blank \(number), \(embedded.source): \(fault.ours)")
                moodleWords.append(fault.moodle)
                continue
            }
            blanks.append(Blank(number: number, marks: embedded.marks, answer: blankAnswer(embedded, number: number, converter: &converter, messages: &messages)))
        }
        if !faults.isEmpty {
            return .failure(
                Skip(
                    message: faults.joined(separator: " ")
                        + " Moodle refuses it too: \"Invalid embedded answers (Cloze) question (\(moodleWords.joined(separator: " "))).\""
                )
            )
        }
        let format = field?.attribute("format") ?? "html"
        let nodes: [Markup] = format == "html" || format == "moodle_auto_format" ? HTMLFragment.parse(parsed.template) : [.text(parsed.template)]
        let text = BlanksMarkers.split(converter.inlines(nodes))
        if Set(blanks.map(\.marks)).count > 1 {
            messages.append("The blanks carry different marks in Moodle; Waymark keeps them (marks=\"…\"), so each counts as much as it did.")
        }
        return .success((.blanks(text: text, blanks: blanks), []))
    }

    /// Moodle's own check of one embedded answer (`qtype_multianswer_validate_question`), in its words.
    /// Nil when Moodle accepts it; otherwise the fault in plain words and in Moodle's own.
    static func clozeFault(_ embedded: ClozeParser.Embedded) -> (ours: String, moodle: String)? {
        let answers = embedded.alternatives.filter { !$0.answer.trimmingCharacters(in: .whitespaces).isEmpty }
        if embedded.kind == .numerical {
            for answer in answers {
                let written = answer.answer.trimmingCharacters(in: .whitespaces)
                let value = written.split(separator: ":", maxSplits: 1).first.map(String.init) ?? written
                if written != "*" && ClozeNumber.parse(value) == nil {
                    return ("the answer \"\(written)\" is not a number.", "The answer must be a number, for example -1.234 or 3e8, or '*'.")
                }
            }
        }
        if case .multichoice = embedded.kind, answers.count < 2 {
            return ("a list needs at least two options to choose from.", "This type of question requires at least 2 choices")
        }
        if answers.isEmpty {
            return ("it has no answer.", "This type of question requires at least 1 answers")
        }
        if !answers.contains(where: { abs($0.fraction - 100) < 0.00001 }) {
            return (
                "no answer is worth 100% (mark the right one with = or %100%).",
                "One of the answers should have a score of 100% so it is possible to get full marks for this question."
            )
        }
        return nil
    }

    private func blankAnswer(_ embedded: ClozeParser.Embedded, number: Int, converter: inout RichTextConverter, messages: inout [String]) -> BlankAnswer {
        func plain(_ html: String) -> String {
            foldedPlain(converter.plainText(HTMLFragment.parse(html)))
        }
        func feedback(_ alternative: ClozeParser.Alternative) -> String? {
            alternative.feedback.map(plain).flatMap { $0.isEmpty ? nil : $0 }
        }
        func weight(_ alternative: ClozeParser.Alternative, _ shown: String) -> Double {
            if alternative.fraction < 0 {
                messages.append("Blank \(number): the answer \"\(shown)\" took marks away (\(AssessmentWriter.number(alternative.fraction))%); Waymark gives it 0.")
            }
            return min(100, max(0, alternative.fraction))
        }
        switch embedded.kind {
        case .shortAnswer(let caseSensitive):
            let accepted = embedded.alternatives.compactMap { alternative -> AcceptedAnswer? in
                let text = plain(alternative.answer)
                guard !text.isEmpty else { return nil }
                return AcceptedAnswer(text: text, weight: weight(alternative, text), feedback: feedback(alternative))
            }
            return .typed(accepted, caseSensitive: caseSensitive)
        case .numerical:
            let answers = embedded.alternatives.compactMap { alternative -> NumericAnswer? in
                let written = alternative.answer.trimmingCharacters(in: .whitespaces)
                if written == "*" {
                    messages.append("Blank \(number): the \"any other answer\" (*) was not kept: Waymark gives no marks for other numbers.")
                    return nil
                }
                let parts = written.split(separator: ":", maxSplits: 1).map(String.init)
                guard let value = parts.first.flatMap(ClozeNumber.parse) else { return nil }
                let tolerance = parts.count > 1 ? ClozeNumber.parse(parts[1]) ?? 0 : 0
                return NumericAnswer(value: value, tolerance: abs(tolerance), weight: weight(alternative, written), feedback: feedback(alternative))
            }
            return .number(answers)
        case .multichoice(let display, let shuffled):
            if display != "MULTICHOICE" && display != "MULTICHOICE_S" {
                messages.append("Blank \(number) was shown in Moodle as radio buttons (\(display)); Waymark shows it as a list in the sentence.")
            }
            if shuffled {
                messages.append("Blank \(number)'s options were shuffled in Moodle; Waymark lists them in the order they were written.")
            }
            var seen: Set<String> = []
            var options: [BlankOption] = []
            for alternative in embedded.alternatives {
                let text = plain(alternative.answer)
                guard !text.isEmpty else { continue }
                guard seen.insert(text.lowercased()).inserted else {
                    messages.append("Blank \(number) listed \"\(text)\" twice; Waymark lists it once, with the better mark.")
                    if let index = options.firstIndex(where: { $0.text.lowercased() == text.lowercased() }),
                        alternative.fraction > options[index].credit
                    {
                        options[index] = BlankOption(text: options[index].text, isCorrect: alternative.fraction >= 100, weight: alternative.fraction, feedback: feedback(alternative))
                    }
                    continue
                }
                let share = weight(alternative, text)
                options.append(BlankOption(text: text, isCorrect: share >= 100, weight: share, feedback: feedback(alternative)))
            }
            // All-or-nothing options need no weights; partial ones keep theirs.
            if options.allSatisfy({ $0.weight == 0 || $0.weight == 100 }) {
                options = options.map { BlankOption(text: $0.text, isCorrect: $0.isCorrect, weight: nil, feedback: $0.feedback) }
            }
            return .choose(options)
        case .multiResponse:
            return .choose([])
        }
    }
}

/// A number as Moodle's cloze writes it: `3.14`, `3,14`, `-2e3`.
enum ClozeNumber {
    static func parse(_ written: String) -> Double? {
        let text = written.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.allSatisfy({ "0123456789.,-+eE".contains($0) }) else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else { return nil }
        return value
    }
}
