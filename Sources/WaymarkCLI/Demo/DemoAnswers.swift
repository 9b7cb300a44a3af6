import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// Answers a demo trainee gives: right ones, or a try that went wrong.
enum DemoAnswers {
    /// A fully correct answer (nil for information items).
    static func right(_ question: Question) -> Answer? {
        switch question.kind {
        case .singleChoice(let choices, _): choices.first(where: \.isCorrect).map { .choice($0.id) }
        case .multipleChoice(let choices, _): .choices(choices.filter(\.isCorrect).map(\.id))
        case .trueFalse(let answer): .trueFalse(answer)
        case .shortAnswer(let accepted, _):
            accepted.first { $0.weight >= 100 }.map { .text($0.text.replacingOccurrences(of: "*", with: "")) }
        case .numerical(let answers, _): answers.first { $0.weight >= 100 }.map { .number($0.value) }
        case .matching(let pairs, _): .matches(Dictionary(pairs.map { ($0.id, $0.match) }, uniquingKeysWith: { first, _ in first }))
        case .ordering(let items): .order(items.map(\.id))
        case .blanks(_, let blanks): .blanks(Dictionary(blanks.compactMap { blank in rightWords(blank).map { (String(blank.number), $0) } }, uniquingKeysWith: { first, _ in first }))
        case .reflection: .reflection("I would listen first, and then ask what they would like to happen next.")
        case .information: nil
        }
    }

    /// A wrong answer, as a nervous first try might be.
    static func wrong(_ question: Question) -> Answer? {
        switch question.kind {
        case .singleChoice(let choices, _): choices.first(where: { !$0.isCorrect }).map { .choice($0.id) }
        case .multipleChoice(let choices, _): .choices(choices.filter { !$0.isCorrect }.map(\.id))
        case .trueFalse(let answer): .trueFalse(!answer)
        case .shortAnswer: .text("not sure")
        case .numerical(let answers, _): .number((answers.first?.value ?? 0) + 100)
        case .matching(let pairs, _):
            .matches(Dictionary(zip(pairs.map(\.id), pairs.map(\.match).reversed()).map { ($0, $1) }, uniquingKeysWith: { first, _ in first }))
        case .ordering(let items): .order(items.map(\.id).reversed())
        case .blanks(_, let blanks): .blanks(Dictionary(blanks.map { (String($0.number), "not sure") }, uniquingKeysWith: { first, _ in first }))
        case .reflection: .reflection("I am not sure yet.")
        case .information: nil
        }
    }

    /// What fills a blank with full marks.
    static func rightWords(_ blank: Blank) -> String? {
        switch blank.answer {
        case .typed(let accepted, _): accepted.first { $0.weight >= 100 }.map { $0.text.replacingOccurrences(of: "*", with: "") }
        case .number(let answers): answers.first { $0.weight >= 100 }.map { "\($0.value)" }
        case .choose(let options): options.first { $0.credit >= 100 }?.text
        }
    }

    /// A scored attempt: all right, or all wrong.
    static func attempt(_ assessment: Assessment, moduleID: String, passing: Bool) -> AttemptRecord {
        var answers: [String: Answer] = [:]
        for question in assessment.questions {
            if let answer = passing ? right(question) : wrong(question) { answers[question.id] = answer }
        }
        return Scoring.attempt(assessment, moduleID: moduleID, answers: answers).record
    }
}
