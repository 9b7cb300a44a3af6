import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// What the trainee answered, in words, for the result page: a result that says only "right"
/// or "not right" leaves them guessing which answer it means.
enum ChosenAnswer {
    /// Nil when nothing was answered, or the answer is a layout rather than a phrase (matching,
    /// ordering) or is read by a person (reflections).
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
        default:
            return nil
        }
    }
}
