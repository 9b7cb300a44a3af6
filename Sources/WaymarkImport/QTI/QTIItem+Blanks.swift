import Foundation
import WaymarkCurriculum
import WaymarkXML

/// QTI items with several inline blanks (`inlineChoiceInteraction`, `textEntryInteraction`), and
/// `gapMatchInteraction`, become a Waymark blanks question: each interaction or gap a blank in
/// its place in the text, marked by its own response declaration.
extension QTIItem {
    static let blankInteractions: Set<String> = ["inlineChoiceInteraction", "textEntryInteraction"]

    /// Two or more inline blanks and nothing else, or one gap match.
    static func isBlanks(_ interactions: [ParsedElement]) -> Bool {
        if interactions.count == 1, interactions[0].qtiName == "gapMatchInteraction" { return true }
        return interactions.count > 1 && interactions.allSatisfy { blankInteractions.contains($0.qtiName) }
    }

    mutating func blanksQuestion(body: ParsedElement, interactions: [ParsedElement], identifier: String) throws(Skip) -> (Question, String, Int) {
        let line = interactions[0].location.line
        let type = interactions.count == 1 ? "gapMatchInteraction" : "inlineChoiceInteraction+textEntryInteraction"
        interactionType = type
        var places: [ParsedElement] = []
        let text = BlanksMarkers.split(converter.inlines(blanksMarkup(body, places: &places)))
        var blanks: [Blank] = []
        for (index, place) in places.enumerated() {
            blanks.append(Blank(number: index + 1, marks: 1, answer: try blankAnswer(place, gapMatch: interactions[0], number: index + 1)))
        }
        guard !blanks.isEmpty else { throw Skip(message: "The gap match has no gaps to fill.", line: line) }
        let standard = root.qtiChild("responseProcessing").flatMap { $0.qti("template") ?? $0.qti("templateLocation") }
        if interactions.count > 1 || standard == nil {
            messages.append(
                "The item's own response processing was not read: Waymark marks each blank by its response declaration (correct response or mapping), one mark a blank."
            )
        }
        if !root.qtiChildren("modalFeedback").isEmpty {
            messages.append("Modal feedback was not kept: it depends on outcome processing Waymark does not run.")
        }
        let prompt: [Inline] = interactions[0].qtiChild("prompt").map { converter.inlines(markup($0)) } ?? [.text("Fill in the blanks.")]
        let question = Question(
            id: identifier, points: Double(blanks.count), tags: [], prompt: prompt.isEmpty ? [.text("Fill in the blanks.")] : prompt,
            kind: .blanks(text: text, blanks: blanks), feedback: []
        )
        return (question, type, line)
    }

    /// The body as markup with `{{n}}` where each blank goes, collecting the blanks in order.
    private func blanksMarkup(_ element: ParsedElement, places: inout [ParsedElement]) -> [Markup] {
        var out: [Markup] = []
        for piece in element.foldedContent {
            guard case .element(let child) = piece else {
                if case .text(let text) = piece { out.append(.text(text)) }
                continue
            }
            let name = child.qtiName
            if Self.blankInteractions.contains(name) || name == "gap" {
                places.append(child)
                out.append(.text("{{\(places.count)}}"))
            } else if name == "gapMatchInteraction" {
                out += blanksMarkup(child, places: &places)
            } else if name == "gapText" || name == "prompt" || Self.dropped.contains(name) {
                continue
            } else {
                var attributes: [String: String] = [:]
                for key in ["href", "src", "alt", "data", "type"] {
                    if let value = child.attribute(key) { attributes[key] = value }
                }
                out.append(.element(child.name.lowercased(), attributes: attributes, children: blanksMarkup(child, places: &places)))
            }
        }
        return out
    }

    private func declaration(_ responseID: String, line: Int) throws(Skip) -> QTIResponse {
        guard let found = root.qtiChildren("responseDeclaration").first(where: { $0.qti("identifier") == responseID }) else {
            throw Skip(message: "No responseDeclaration has the identifier \(responseID).", line: line)
        }
        return QTIResponse(found)
    }

    private mutating func blankAnswer(_ place: ParsedElement, gapMatch: ParsedElement, number: Int) throws(Skip) -> BlankAnswer {
        let line = place.location.line
        if place.qtiName == "gap" {
            let response = try declaration(gapMatch.qti("responseIdentifier") ?? "", line: line)
            let gap = place.qti("identifier") ?? ""
            let texts = gapMatch.qtiChildren("gapText").map { (key: $0.qti("identifier") ?? "", text: foldedPlain(converter.plainText(markup($0)))) }
            let pairs = response.correct.isEmpty ? (response.entries ?? []).filter { $0.value > 0 }.map(\.key) : response.correct
            let right = Set(pairs.compactMap { pair -> String? in
                let parts = pair.split(whereSeparator: \.isWhitespace).map(String.init)
                return parts.count == 2 && parts[1] == gap ? parts[0] : nil
            })
            return try options(texts.map { ($0.text, right.contains($0.key) ? 100.0 : 0) }, number: number, line: line)
        }
        let response = try declaration(place.qti("responseIdentifier") ?? "", line: line)
        if place.qtiName == "inlineChoiceInteraction" {
            let choices = place.qtiChildren("inlineChoice").map { (key: $0.qti("identifier") ?? "", text: foldedPlain(converter.plainText(markup($0)))) }
            let best = choices.map { response.mapped($0.key) }.max() ?? 0
            return try options(
                choices.map { choice in
                    (choice.text, response.correct.isEmpty ? (best > 0 ? max(0, response.mapped(choice.key)) / best * 100 : 0) : (response.correct.contains(choice.key) ? 100 : 0))
                },
                number: number,
                line: line
            )
        }
        var answers: [(text: String, share: Double)] = response.correct.map { ($0, 100) }
        if answers.isEmpty, let entries = response.entries, let best = entries.map(\.value).max(), best > 0 {
            answers = entries.filter { $0.value > 0 }.map { ($0.key, $0.value / best * 100) }
        }
        guard answers.contains(where: { $0.share >= 100 }) else { throw Skip(message: "Blank \(number) has no right answer in its response declaration.", line: line) }
        if response.baseType == "float" || response.baseType == "integer" {
            let numbers = answers.compactMap { answer in Double(answer.text).map { NumericAnswer(value: $0, tolerance: 0, weight: answer.share, feedback: nil) } }
            return .number(numbers)
        }
        // QTI compares strings exactly.
        return .typed(answers.map { AcceptedAnswer(text: $0.text, weight: $0.share, feedback: nil) }, caseSensitive: true)
    }

    private func options(_ shares: [(String, Double)], number: Int, line: Int) throws(Skip) -> BlankAnswer {
        var seen: Set<String> = []
        let options = shares.filter { !$0.0.isEmpty && seen.insert($0.0.lowercased()).inserted }.map { text, share in
            BlankOption(text: text, isCorrect: share >= 100, weight: share == 0 || share >= 100 ? nil : (share * 10_000_000).rounded() / 10_000_000, feedback: nil)
        }
        guard options.count >= 2 else { throw Skip(message: "Blank \(number) has fewer than two choices to pick from.", line: line) }
        guard options.contains(where: { $0.isCorrect }) else { throw Skip(message: "Blank \(number) has no right choice in its response declaration.", line: line) }
        return .choose(options)
    }
}
