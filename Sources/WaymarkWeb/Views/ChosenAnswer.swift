import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// What the trainee answered, in words, for the result page: a result that says only "right"
/// or "not right" leaves them guessing which answer it means.
enum ChosenAnswer {
    /// Nil when nothing was answered, or the answer is read by a person (reflections). Matches
    /// read "term: match; term: match", in the question's order; an order reads "1. …; 2. …".
    static func words(_ question: Question, _ answer: Answer?) -> String? {
        switch (question.kind, answer) {
        case (.singleChoice(let choices, _), .choice(let id)?):
            return choices.first { $0.id == id }?.text.plainText
        case (.multipleChoice(let choices, _), .choices(let ids)?):
            let chosen = choices.filter { ids.contains($0.id) }.map(\.text.plainText)
            return chosen.isEmpty ? nil : chosen.joined(separator: "; ")
        case (.trueFalse, .trueFalse(let value)?):
            return value ? "True" : "False"
        case (.shortAnswer, .text(let text)?):
            let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return typed.isEmpty ? nil : typed
        case (.numerical, .number(let value)?):
            return value.isFinite ? value.formatted(.number.grouping(.never)) : nil
        case (.matching(let pairs, _), .matches(let given)?):
            guard pairs.contains(where: { given[$0.id]?.isEmpty == false }) else { return nil }
            return pairs.map { pair in
                let chosen = given[pair.id].flatMap { $0.isEmpty ? nil : $0 } ?? "nothing chosen"
                return "\(pair.term.plainText): \(chosen)"
            }.joined(separator: "; ")
        case (.ordering(let items), .order(let ids)?):
            let texts = ids.compactMap { id in items.first { $0.id == id }?.text.plainText }
            guard !texts.isEmpty else { return nil }
            return texts.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "; ")
        default:
            return nil
        }
    }
}
