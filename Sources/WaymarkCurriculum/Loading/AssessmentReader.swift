import Foundation
import WaymarkXML

/// An assessment file read on its own.
struct AssessmentFile: Sendable {
    var assessment: Assessment
    var id: IDAnchor
    /// Reflection questions share an id space with the units' reflection prompts.
    var reflections: [IDAnchor]
}

extension FileReader {
    mutating func readAssessment(_ root: ParsedElement) -> AssessmentFile {
        var questions: [Question] = []
        var reflections: [IDAnchor] = []
        for element in root.children where !element.isNamed("title") && !element.isNamed("introduction") {
            guard let kind = questionKind(element) else { continue }
            let question = Question(
                id: element.attribute("id") ?? "",
                points: double(element, "points") ?? 1,
                tags: idList(element, "tags"),
                prompt: child(element, "prompt").map(TextReader.inlines) ?? [],
                kind: kind,
                feedback: children(element, "feedback").map { feedback in
                    Feedback(
                        condition: Feedback.Condition(rawValue: feedback.attribute("when") ?? "always") ?? .always,
                        text: TextReader.inlines(feedback)
                    )
                }
            )
            if case .reflection = kind {
                reflections.append(IDAnchor(id: question.id, file: path, location: element.deferredLocation(ofAttribute: "id")))
            }
            questions.append(question)
        }
        let id = root.attribute("id") ?? ""
        return AssessmentFile(
            assessment: Assessment(
                id: id,
                title: title(child(root, "title")),
                passMark: double(root, "pass-mark") ?? 0,
                maximumAttempts: int(root, "max-attempts"),
                coolDownHours: int(root, "cool-down-hours"),
                introduction: child(root, "introduction").map { TextReader.blocks($0.children) } ?? [],
                questions: questions,
                sourcePath: path
            ),
            id: IDAnchor(id: id, file: path, location: root.deferredLocation(ofAttribute: "id")),
            reflections: reflections
        )
    }

    private mutating func questionKind(_ element: ParsedElement) -> QuestionKind? {
        let shuffle = bool(element, "shuffle", default: false)
        if element.isNamed("single-choice") {
            let choices = readChoices(element)
            let correct = choices.filter(\.isCorrect).count
            if correct == 0 {
                error(element, "This question has no correct answer. Mark one choice with correct=\"true\".")
            } else if correct > 1 {
                error(
                    element,
                    "A single-choice question has one correct answer, but \(correct) are marked. Use <multiple-choice> if more than one is right."
                )
            }
            return .singleChoice(choices, shuffle: shuffle)
        }
        if element.isNamed("multiple-choice") {
            let choices = readChoices(element)
            if !choices.contains(where: \.isCorrect) {
                error(element, "This question has no correct answer. Mark at least one choice with correct=\"true\".")
            }
            let weights = choices.compactMap(\.weight)
            if !weights.isEmpty {
                let best = weights.filter { $0 > 0 }.reduce(0, +)
                if abs(best - 100) > 0.01 {
                    warning(
                        element,
                        "The positive weights add up to \(formatted(best))%, so the best answer scores \(formatted(best))% instead of 100%."
                    )
                }
            }
            return .multipleChoice(choices, shuffle: shuffle)
        }
        if element.isNamed("true-false") {
            return .trueFalse(answer: bool(element, "answer", default: true))
        }
        if element.isNamed("short-answer") {
            let accepted = children(element, "accept").map { accept in
                AcceptedAnswer(text: accept.foldedText, weight: double(accept, "weight") ?? 100, feedback: accept.attribute("feedback"))
            }
            if !accepted.contains(where: { $0.weight >= 100 }) {
                error(element, "This question has no correct answer: no <accept> is worth full marks (weight 100).")
            }
            return .shortAnswer(accepted, caseSensitive: bool(element, "case-sensitive", default: false))
        }
        if element.isNamed("numerical") {
            let answers = children(element, "answer").map { answer in
                NumericAnswer(
                    value: double(answer, "value") ?? 0,
                    tolerance: double(answer, "tolerance") ?? 0,
                    weight: double(answer, "weight") ?? 100,
                    feedback: answer.attribute("feedback")
                )
            }
            if !answers.contains(where: { $0.weight >= 100 }) {
                error(element, "This question has no correct answer: no <answer> is worth full marks (weight 100).")
            }
            return .numerical(answers, unit: element.attribute("unit").map(TextReader.folded))
        }
        if element.isNamed("matching") {
            // Several terms may share a match (frog and newt are both amphibians): the list a
            // trainee picks from shows each match once, and each term is marked on its own.
            let pairs = children(element, "pair").map { pair in
                MatchPair(
                    id: pair.attribute("id") ?? "",
                    term: child(pair, "term").map(TextReader.inlines) ?? [],
                    match: title(child(pair, "match"))
                )
            }
            let realMatches = Set(pairs.map { $0.match.lowercased() })
            let distractors = children(element, "distractor").map { title($0) }
            for distractor in children(element, "distractor") where realMatches.contains(title(distractor).lowercased()) {
                error(distractor, "This distractor is the same as a real match.")
            }
            return .matching(pairs, distractors: distractors)
        }
        if element.isNamed("ordering") {
            let items = children(element, "item").map { item in
                OrderItem(id: item.attribute("id") ?? "", text: TextReader.inlines(item))
            }
            for (item, element) in zip(items, children(element, "item")) where item.text.plainText.isEmpty {
                self.error(element, "This item has no text.")
            }
            return .ordering(items)
        }
        if element.isNamed("blanks") {
            return readBlanks(element)
        }
        if element.isNamed("reflection") {
            return .reflection(guidance: child(element, "guidance").map(TextReader.inlines) ?? [], minimumWords: int(element, "min-words"))
        }
        if element.isNamed("information") {
            return .information
        }
        return nil
    }

    private mutating func readChoices(_ question: ParsedElement) -> [Choice] {
        children(question, "choice").map { element in
            let choice = Choice(
                id: element.attribute("id") ?? "",
                text: TextReader.inlines(element),
                isCorrect: bool(element, "correct", default: false),
                weight: double(element, "weight"),
                feedback: element.attribute("feedback").map(TextReader.folded)
            )
            if choice.text.plainText.isEmpty {
                error(element, "This choice has no text.")
            }
            return choice
        }
    }

    private func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
