import Foundation
import WaymarkCurriculum
import WaymarkXML

/// How each QTI interaction becomes a Waymark question (or is skipped, with the reason).
extension QTIItem {
    mutating func choice(
        _ interaction: ParsedElement,
        choiceName: String,
        response: QTIResponse,
        template: String
    ) throws(Skip) -> (QuestionKind, Double) {
        var ids = UniqueIDs()
        let elements = interaction.qtiChildren(choiceName)
        guard elements.count >= 2 else { throw Skip(message: "The interaction has fewer than two choices.", line: interaction.location.line) }
        let single = response.cardinality == "single"
        let correct = Set(response.correct)
        var choices: [Choice] = elements.map { element in
            let key = element.qti("identifier") ?? ""
            return Choice(
                id: ids.claim(Slug.make(key, fallback: "choice")),
                text: converter.inlines(markup(element)),
                isCorrect: correct.contains(key),
                weight: nil,
                feedback: nil
            )
        }
        let keys = elements.map { $0.qti("identifier") ?? "" }
        let shuffle = interaction.qti("shuffle") == "true"
        if template == "match_correct" {
            guard !correct.isEmpty else {
                throw Skip(message: "match_correct needs a correct response, and there is none.", line: interaction.location.line)
            }
            if single {
                return (.singleChoice(choices, shuffle: shuffle), 1)
            }
            messages.append(
                "The source gives the mark only for exactly the right set of choices (match_correct); Waymark gives a share for each right choice."
            )
            return (.multipleChoice(choices, shuffle: shuffle), 1)
        }
        let values = keys.map(response.mapped)
        if single {
            let best = values.max() ?? 0
            let points = min(response.upperBound ?? best, best)
            guard points > 0 else { throw Skip(message: "No choice is worth any marks in the mapping.", line: interaction.location.line) }
            for index in choices.indices {
                choices[index].weight = weight(values[index], of: points)
                if correct.isEmpty { choices[index].isCorrect = values[index] == best }
            }
            return (.singleChoice(choices, shuffle: shuffle), points)
        }
        let positive = values.filter { $0 > 0 }.reduce(0, +)
        let points = min(response.upperBound ?? positive, positive)
        guard points > 0 else { throw Skip(message: "No choice is worth any marks in the mapping.", line: interaction.location.line) }
        for index in choices.indices {
            choices[index].weight = weight(values[index], of: points)
            if correct.isEmpty { choices[index].isCorrect = values[index] > 0 }
        }
        if values.contains(where: { $0 < 0 }) && response.lowerBound == nil {
            messages.append("The source could score below zero; Waymark stops at 0.")
        }
        if let lower = response.lowerBound, lower > 0 {
            messages.append("The source's lower bound of \(AssessmentWriter.number(lower)) was not kept: Waymark's lowest score is 0.")
        }
        return (.multipleChoice(choices, shuffle: shuffle), points)
    }

    /// A mapped value as a share of the question's points, within Waymark's -100…100.
    mutating func weight(_ value: Double, of points: Double) -> Double {
        let percent = value / points * 100
        let clamped = min(100, max(-100, percent))
        if clamped != percent {
            messages.append("A mapped value of \(AssessmentWriter.number(value)) was limited to \(AssessmentWriter.number(clamped))% of the marks.")
        }
        return (clamped * 10_000_000).rounded() / 10_000_000
    }

    mutating func textEntry(_ response: QTIResponse, template: String, line: Int) throws(Skip) -> (QuestionKind, Double) {
        let numeric = response.baseType == "float" || response.baseType == "integer"
        var answers: [(text: String, value: Double, caseSensitive: Bool?)] = []
        var points = 1.0
        if template == "match_correct" {
            answers = response.correct.map { ($0, 1, true) }
        } else {
            let entries = response.entries ?? []
            let best = entries.map(\.value).max() ?? 0
            points = min(response.upperBound ?? best, best)
            answers = entries.map { ($0.key, $0.value, $0.caseSensitive) }
            if response.defaultValue > 0 {
                answers.append(("*", response.defaultValue, false))
            }
        }
        guard points > 0, answers.contains(where: { $0.value > 0 }) else {
            throw Skip(message: "No answer is worth any marks.", line: line)
        }
        if numeric {
            var result: [NumericAnswer] = []
            for answer in answers where answer.text != "*" {
                guard let value = Double(answer.text) else { continue }
                result.append(NumericAnswer(value: value, tolerance: 0, weight: max(0, weight(answer.value, of: points)), feedback: nil))
            }
            return (.numerical(result, unit: nil), points)
        }
        if answers.contains(where: { $0.text != "*" && $0.text.contains("*") }) {
            messages.append("An answer holds a *, which Waymark reads as \"anything\".")
        }
        if answers.contains(where: { $0.value < 0 }) {
            messages.append("Answers that took marks away were given 0: Waymark's lowest score is 0.")
        }
        // QTI compares strings exactly unless an entry says otherwise.
        let rules = Set(answers.filter { $0.text != "*" }.map { $0.caseSensitive ?? true })
        let caseSensitive = rules.contains(true)
        if rules.count > 1 {
            messages.append("Some answers ignored case and some did not; Waymark now checks case for all of them.")
        }
        let accepted = answers.map { AcceptedAnswer(text: $0.text, weight: max(0, weight($0.value, of: points)), feedback: nil) }
        return (.shortAnswer(accepted, caseSensitive: caseSensitive), points)
    }

    mutating func match(_ interaction: ParsedElement, response: QTIResponse, template: String) throws(Skip) -> (QuestionKind, Double) {
        let sets = interaction.qtiChildren("simpleMatchSet")
        guard sets.count == 2 else { throw Skip(message: "The match interaction does not have two sets to match.", line: interaction.location.line) }
        let sources = sets[0].qtiChildren("simpleAssociableChoice")
        let targets = sets[1].qtiChildren("simpleAssociableChoice")
        let correctPairs: [String] =
            !response.correct.isEmpty ? response.correct : (response.entries ?? []).filter { $0.value > 0 }.map(\.key)
        var right: [String: [String]] = [:]
        for pair in correctPairs {
            let parts = pair.split(whereSeparator: \.isWhitespace).map(String.init)
            guard parts.count == 2 else { continue }
            // An undirected `pair` may name the target first.
            let sourceFirst = sources.contains { $0.qti("identifier") == parts[0] }
            right[sourceFirst ? parts[0] : parts[1], default: []].append(sourceFirst ? parts[1] : parts[0])
        }
        var ids = UniqueIDs()
        var pairs: [MatchPair] = []
        var used: Set<String> = []
        var pairValues: [Double] = []
        for source in sources {
            let key = source.qti("identifier") ?? ""
            let term = converter.inlines(markup(source))
            guard let matches = right[key], !matches.isEmpty else {
                throw Skip(message: "\"\(term.plainText)\" has no right match; in Waymark every term has one.", line: source.location.line)
            }
            guard matches.count == 1 else {
                throw Skip(
                    message: "\"\(term.plainText)\" has \(matches.count) right matches; in Waymark every term has exactly one.",
                    line: source.location.line
                )
            }
            guard let target = targets.first(where: { $0.qti("identifier") == matches[0] }) else {
                throw Skip(message: "The match \(matches[0]) is not in the second set.", line: source.location.line)
            }
            used.insert(matches[0])
            pairs.append(MatchPair(id: ids.claim(Slug.make(key, fallback: "pair")), term: term, match: converter.plainText(markup(target))))
            let entry = response.entries?.first {
                $0.key == "\(key) \(matches[0])" || (response.baseType == "pair" && $0.key == "\(matches[0]) \(key)")
            }
            pairValues.append(entry?.value ?? response.defaultValue)
        }
        let distractors = targets.filter { !used.contains($0.qti("identifier") ?? "") }.map { converter.plainText(markup($0)) }
        if template == "match_correct" {
            messages.append("The source gives the mark only when every pair is right (match_correct); Waymark gives a share for each right pair.")
            return (.matching(pairs, distractors: distractors), 1)
        }
        let total = pairValues.filter { $0 > 0 }.reduce(0, +)
        let points = min(response.upperBound ?? total, total)
        guard points > 0 else { throw Skip(message: "No pair is worth any marks.", line: interaction.location.line) }
        if Set(pairValues).count > 1 {
            let listed = zip(pairs, pairValues).map { "\($0.0.term.plainText) – \($0.0.match): \(AssessmentWriter.number($0.1))" }.joined(
                separator: "; "
            )
            messages.append("Pairs were worth different marks in the source (\(listed)); in Waymark each pair is worth the same share.")
        }
        if response.defaultValue < 0 || (response.entries ?? []).contains(where: { $0.value < 0 }) {
            messages.append("Wrong pairs took marks away in the source; in Waymark they earn nothing.")
        }
        return (.matching(pairs, distractors: distractors), points)
    }

    mutating func order(_ interaction: ParsedElement, response: QTIResponse, template: String) throws(Skip) -> (QuestionKind, Double) {
        guard template == "match_correct" else {
            throw Skip(message: "An order scored with map_response has no Waymark equivalent.", line: interaction.location.line)
        }
        let elements = interaction.qtiChildren("simpleChoice")
        var ids = UniqueIDs()
        var items: [OrderItem] = []
        for key in response.correct {
            guard let element = elements.first(where: { $0.qti("identifier") == key }) else {
                throw Skip(message: "The correct order names \(key), which is not one of the items.", line: interaction.location.line)
            }
            items.append(OrderItem(id: ids.claim(Slug.make(key, fallback: "item")), text: converter.inlines(markup(element))))
        }
        guard items.count == elements.count else {
            throw Skip(message: "The correct order does not place every item.", line: interaction.location.line)
        }
        messages.append("The source gives the mark only for the whole order (match_correct); Waymark gives a share for each item in its place.")
        return (.ordering(items), 1)
    }
}
