import WaymarkXML

extension FileReader {
    /// A `<blanks>` question: the text split at its `{{n}}` markers, and each `<blank>` read and
    /// checked against the markers, so a blank the trainee could never see (or a marker with
    /// nothing behind it) is named where it was written.
    mutating func readBlanks(_ element: ParsedElement) -> QuestionKind {
        let textElement = child(element, "text")
        var pieces: [BlanksPiece] = []
        if let textElement {
            pieces = BlanksMarkers.split(TextReader.inlines(textElement))
            if BlanksMarkers.hidden(in: TextReader.inlines(textElement)) {
                error(textElement, "A blank marker such as {{1}} is inside <em>, <strong> or <link>. Put each blank outside them, in the plain text.")
            }
        }
        var blanks: [Blank] = []
        var seen: Set<Int> = []
        let used = pieces.blankNumbers
        for blankElement in children(element, "blank") {
            let number = int(blankElement, "n") ?? 0
            if !seen.insert(number).inserted {
                error(blankElement, attribute: "n", "There are two blanks numbered \(number). Give each <blank> its own n.")
                continue
            }
            if !used.contains(number) {
                error(blankElement, attribute: "n", "Blank \(number) is not used: the text has no {{\(number)}}. Add {{\(number)}} to the text where it goes, or remove this blank.")
            }
            blanks.append(Blank(number: number, marks: double(blankElement, "marks") ?? 1, answer: blankAnswer(blankElement, number: number)))
        }
        var counted: Set<Int> = []
        for number in used where !counted.insert(number).inserted {
            if let textElement { error(textElement, "The text has {{\(number)}} more than once. Each blank goes in one place; number the other one differently.") }
        }
        for number in Set(used).subtracting(seen).sorted() {
            if let textElement {
                error(textElement, "The text has a blank {{\(number)}}, but there is no <blank n=\"\(number)\"> saying what fills it.")
            }
        }
        if used.isEmpty, let textElement {
            error(textElement, "The text has no blanks. Write {{1}} where the first blank goes, {{2}} for the second, and so on.")
        }
        // Blanks are kept in the order they stand in the text, so numbers need not be in order.
        let order = Dictionary(used.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        blanks.sort { (order[$0.number] ?? Int.max, $0.number) < (order[$1.number] ?? Int.max, $1.number) }
        return .blanks(text: pieces, blanks: blanks)
    }

    private mutating func blankAnswer(_ element: ParsedElement, number: Int) -> BlankAnswer {
        if let choose = child(element, "choose") {
            let optionElements = children(choose, "option")
            let options = optionElements.map { option in
                BlankOption(
                    text: title(option),
                    isCorrect: bool(option, "correct", default: false),
                    weight: double(option, "weight"),
                    feedback: option.attribute("feedback").map(TextReader.folded)
                )
            }
            if options.count < 2 {
                error(choose, "Blank \(number) has \(options.isEmpty ? "an empty list" : "only one option"). A list needs at least two <option>s to choose from.")
            } else if !options.contains(where: { $0.credit >= 100 }) {
                error(choose, "Blank \(number) has no right option. Mark one with correct=\"true\" (or weight=\"100\").")
            }
            var texts: Set<String> = []
            for (option, optionElement) in zip(options, optionElements) where !texts.insert(option.text.lowercased()).inserted {
                error(optionElement, "Blank \(number) lists \"\(option.text)\" twice. Each option in a list must read differently.")
            }
            return .choose(options)
        }
        let numbers = children(element, "number")
        if !numbers.isEmpty {
            let answers = numbers.map { answer in
                NumericAnswer(
                    value: double(answer, "value") ?? 0,
                    tolerance: double(answer, "tolerance") ?? 0,
                    weight: double(answer, "weight") ?? 100,
                    feedback: answer.attribute("feedback").map(TextReader.folded)
                )
            }
            if !answers.contains(where: { $0.weight >= 100 }) {
                error(element, "Blank \(number) has no right answer: no <number> is worth full marks (weight 100).")
            }
            return .number(answers)
        }
        let accepted = children(element, "accept").map { accept in
            AcceptedAnswer(text: accept.foldedText, weight: double(accept, "weight") ?? 100, feedback: accept.attribute("feedback").map(TextReader.folded))
        }
        // A blank with nothing inside is the schema's to report.
        if !accepted.isEmpty, !accepted.contains(where: { $0.weight >= 100 }) {
            error(element, "Blank \(number) has no right answer: no <accept> is worth full marks (weight 100).")
        }
        return .typed(accepted, caseSensitive: bool(element, "case-sensitive", default: false))
    }
}

/// Finds `{{n}}` markers in text.
public enum BlanksMarkers {
    /// Top-level text split at each marker; other inlines are kept whole.
    public static func split(_ inlines: [Inline]) -> [BlanksPiece] {
        var pieces: [BlanksPiece] = []
        var words: [Inline] = []
        func flush() {
            if !words.isEmpty { pieces.append(.words(words)) }
            words = []
        }
        for inline in inlines {
            guard case .text(let text) = inline else {
                words.append(inline)
                continue
            }
            for part in parts(text) {
                switch part {
                case .text(let run): if !run.isEmpty { words.append(.text(run)) }
                case .marker(let number):
                    flush()
                    pieces.append(.blank(number))
                }
            }
        }
        flush()
        return pieces
    }

    /// Whether a marker hides inside emphasis, strong text or a link, where it cannot be a blank.
    static func hidden(in inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline {
            case .emphasis(let inner), .strong(let inner), .link(_, let inner):
                inner.plainText.contains("{{") && parts(inner.plainText).contains { if case .marker = $0 { true } else { false } }
            case .text, .image: false
            }
        }
    }

    enum Part: Equatable {
        case text(String)
        case marker(Int)
    }

    /// `is {{1}} and` → text "is ", marker 1, text " and". `{{` not followed by digits and `}}` is text.
    static func parts(_ text: String) -> [Part] {
        var result: [Part] = []
        var current = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("{{") {
                let afterOpen = rest.dropFirst(2)
                let digits = afterOpen.prefix { $0.isASCII && $0.isNumber }
                let afterDigits = afterOpen.dropFirst(digits.count)
                if !digits.isEmpty, digits.count <= 6, afterDigits.hasPrefix("}}"), let number = Int(digits) {
                    result.append(.text(current))
                    current = ""
                    result.append(.marker(number))
                    rest = afterDigits.dropFirst(2)
                    continue
                }
            }
            if let first = rest.first { current.append(first) }
            rest = rest.dropFirst()
        }
        result.append(.text(current))
        return result
    }
}
