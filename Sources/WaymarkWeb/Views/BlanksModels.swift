import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// A blanks question as plain HTML: its text with an input or a list in the place of each blank.
/// Field names are `q-<question id>-<blank number>`.
enum BlanksForm {
    static func field(_ questionID: String, _ number: Int) -> String {
        "q-\(questionID)-\(number)"
    }

    /// What was typed or chosen, by blank number; nil when every blank was left empty.
    static func answer(_ questionID: String, _ blanks: [Blank], _ form: FormFields) -> Answer? {
        var given: [String: String] = [:]
        for blank in blanks {
            if let value = form.trimmed(field(questionID, blank.number)) { given[String(blank.number)] = value }
        }
        return given.isEmpty ? nil : .blanks(given)
    }

    /// Whether any blank was left empty: the check then asks before counting, as it does for a
    /// question left blank.
    static func hasEmptyBlank(_ questionID: String, _ blanks: [Blank], _ form: FormFields) -> Bool {
        blanks.contains { form.trimmed(field(questionID, $0.number)) == nil }
    }

    /// The first typed blank that breaks the rule for short text, in the trainee's words.
    static func textProblem(_ questionID: String, _ blanks: [Blank], _ form: FormFields) -> String? {
        for blank in blanks {
            if case .choose = blank.answer { continue }
            if case .problem(let problem) = FreeText.shortText.check(form[field(questionID, blank.number)]) {
                return "Blank \(blank.number): \(problem)"
            }
        }
        return nil
    }

    /// The words either side of a blank, so someone who cannot see the sentence hears where the
    /// blank is: "after “A mentor listens”, before “and does not”". Other blanks read "___".
    static func context(_ pieces: [BlanksPiece], number: Int) -> String {
        guard let index = pieces.firstIndex(of: .blank(number)) else { return "" }
        func words(_ slice: ArraySlice<BlanksPiece>) -> [String] {
            slice.flatMap { piece -> [String] in
                switch piece {
                case .words(let inlines): inlines.plainText.split(whereSeparator: \.isWhitespace).map(String.init)
                case .blank: ["___"]
                }
            }
        }
        let before = words(pieces[..<index]).suffix(6).joined(separator: " ")
        let after = words(pieces[(index + 1)...]).prefix(6).joined(separator: " ")
        switch (before.isEmpty, after.isEmpty) {
        case (false, false): return "After “\(before)”, before “\(after)”."
        case (false, true): return "After “\(before)”, at the end."
        case (true, false): return "At the start, before “\(after)”."
        case (true, true): return ""
        }
    }
}

extension AssessmentModel {
    /// One run of words, or one blank, of a blanks question's text.
    struct PieceEntry {
        /// HTML Waymark rendered itself from the curriculum's safe text; nil for a blank.
        var wordsHTML: String?
        var isBlank = false
        var isChoose = false
        var isNumber = false
        var name = ""
        /// "Blank 1 of 3", the blank's own label.
        var label = ""
        /// The words around the blank, read out after the label.
        var context = ""
        var options: [Option] = []
        /// What was typed, kept when the answers come back with a problem.
        var typed = ""
    }

    static func pieces(_ questionID: String, _ text: [BlanksPiece], _ blanks: [Blank], media: String) -> [PieceEntry] {
        let count = blanks.count
        return text.map { piece in
            switch piece {
            case .words(let inlines):
                return PieceEntry(wordsHTML: CurriculumHTML.inline(inlines, media: media))
            case .blank(let number):
                var entry = PieceEntry(
                    isBlank: true,
                    name: BlanksForm.field(questionID, number),
                    label: "Blank \((blanks.firstIndex { $0.number == number } ?? 0) + 1) of \(count)",
                    context: BlanksForm.context(text, number: number)
                )
                switch blanks.first(where: { $0.number == number })?.answer {
                case .choose(let options)?:
                    entry.isChoose = true
                    entry.options = options.map { Option(value: $0.text, label: CurriculumHTML.escape($0.text)) }
                case .number?: entry.isNumber = true
                case .typed?, nil: break
                }
                return entry
            }
        }
    }

    /// Fills each blank with what was sent.
    static func keep(_ pieces: inout [PieceEntry], _ form: FormFields) {
        for index in pieces.indices where pieces[index].isBlank {
            let sent = form[pieces[index].name] ?? ""
            pieces[index].typed = sent
            for option in pieces[index].options.indices {
                pieces[index].options[option].checked = pieces[index].options[option].value == sent
            }
        }
    }
}

extension ResultModel {
    /// One blank on the result page: what was given, whether it was right, and its feedback.
    struct BlankLine {
        var text: String
        var outcome: String
        var outcomeClass: String
        var feedback: String?
    }

    static func blankLines(_ question: Question, _ result: QuestionResult) -> [BlankLine] {
        guard case .blanks(let text, let blanks) = question.kind else { return [] }
        return result.blanks.enumerated().map { index, blankResult in
            let isList: Bool
            if case .choose? = blanks.first(where: { $0.number == blankResult.number })?.answer { isList = true } else { isList = false }
            let context = BlanksForm.context(text, number: blankResult.number)
            let given =
                blankResult.given.map { isList ? "You chose “\($0)”." : "You wrote “\($0)”." } ?? "You left it empty."
            let (outcome, outcomeClass) = ResultModel.words(for: blankResult.outcome)
            return BlankLine(
                text: "Blank \(index + 1) of \(blanks.count)\(context.isEmpty ? "" : " (\(context.dropLast()))"): \(given)",
                outcome: outcome,
                outcomeClass: outcomeClass,
                feedback: blankResult.feedback
            )
        }
    }
}

extension AssessmentModel.PieceEntry: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .wordsHTML: reader.read { $0.pointee.wordsHTML }
        case .isBlank: reader.read { $0.pointee.isBlank }
        case .isChoose: reader.read { $0.pointee.isChoose }
        case .isNumber: reader.read { $0.pointee.isNumber }
        case .name: reader.read { $0.pointee.name }
        case .label: reader.read { $0.pointee.label }
        case .context: reader.read { $0.pointee.context }
        case .options: reader.read { $0.pointee.options }
        case .typed: reader.read { $0.pointee.typed }
        default: break
        }
    }
}

extension ResultModel.BlankLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .text: reader.read { $0.pointee.text }
        case .outcome: reader.read { $0.pointee.outcome }
        case .outcomeClass: reader.read { $0.pointee.outcomeClass }
        case .feedback: reader.read { $0.pointee.feedback }
        default: break
        }
    }
}
