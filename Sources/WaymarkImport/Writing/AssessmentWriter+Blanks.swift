import WaymarkCurriculum

extension AssessmentWriter {
    /// A blanks question's `<text>` with its `{{n}}` markers, then one `<blank>` each.
    static func blanksBody(_ text: [BlanksPiece], _ blanks: [Blank]) -> [String] {
        let written = text.map { piece in
            switch piece {
            case .words(let content): inlines(content)
            case .blank(let number): "{{\(number)}}"
            }
        }.joined()
        var body = ["<text>\(written)</text>"]
        for blank in blanks {
            var blankAttrs = [("n", String(blank.number))]
            if case .typed(_, true) = blank.answer { blankAttrs.append(("case-sensitive", "true")) }
            if blank.marks != 1 { blankAttrs.append(("marks", number(blank.marks))) }
            var lines: [String] = []
            switch blank.answer {
            case .typed(let accepted, _):
                lines += accepted.map(acceptElement)
            case .number(let answers):
                lines += answers.map { numberElement("number", $0) }
            case .choose(let options):
                lines.append("<choose>")
                for option in options {
                    var optionAttrs: [(String, String)] = []
                    if option.isCorrect { optionAttrs.append(("correct", "true")) }
                    if let weight = option.weight { optionAttrs.append(("weight", number(weight))) }
                    if let feedback = option.feedback { optionAttrs.append(("feedback", feedback)) }
                    lines.append("  <option\(attributes(optionAttrs))>\(escapeText(foldedPlain(option.text)))</option>")
                }
                lines.append("</choose>")
            }
            body.append("<blank\(attributes(blankAttrs))>")
            body += lines.map { "  " + $0 }
            body.append("</blank>")
        }
        return body
    }

    /// `<accept weight="50" feedback="…">text</accept>`, as a short answer and a typed blank write it.
    static func acceptElement(_ accept: AcceptedAnswer) -> String {
        var acceptAttrs: [(String, String)] = []
        if accept.weight != 100 { acceptAttrs.append(("weight", number(accept.weight))) }
        if let feedback = accept.feedback { acceptAttrs.append(("feedback", feedback)) }
        return "<accept\(attributes(acceptAttrs))>\(escapeText(foldedPlain(accept.text)))</accept>"
    }

    /// `<answer value tolerance weight feedback/>` (or `<number …/>` in a blank).
    static func numberElement(_ name: String, _ answer: NumericAnswer) -> String {
        var answerAttrs = [("value", number(answer.value))]
        if answer.tolerance != 0 { answerAttrs.append(("tolerance", number(answer.tolerance))) }
        if answer.weight != 100 { answerAttrs.append(("weight", number(answer.weight))) }
        if let feedback = answer.feedback { answerAttrs.append(("feedback", feedback)) }
        return "<\(name)\(attributes(answerAttrs))/>"
    }
}
