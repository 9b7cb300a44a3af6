import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// Reads an assessment form into answers. Field names are `q-<question id>` (and
/// `q-<question id>-<pair or item id>` for matching and ordering).
enum AssessmentForm {
    static func answers(_ assessment: Assessment, _ form: FormFields) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for question in assessment.questions {
            let name = "q-\(question.id)"
            switch question.kind {
            case .singleChoice:
                if let value = form[name] { answers[question.id] = .choice(value) }
            case .multipleChoice:
                answers[question.id] = .choices(form.all(name))
            case .trueFalse:
                if let value = form[name] { answers[question.id] = .trueFalse(value == "true") }
            case .shortAnswer:
                if let value = form.trimmed(name) { answers[question.id] = .text(value) }
            case .numerical:
                if let value = form.trimmed(name).flatMap(TypedNumber.parse) {
                    answers[question.id] = .number(value)
                }
            case .matching(let pairs, _):
                var matches: [String: String] = [:]
                for pair in pairs { if let value = form.trimmed("\(name)-\(pair.id)") { matches[pair.id] = value } }
                answers[question.id] = .matches(matches)
            case .ordering(let items):
                let positions = items.map { item in (item.id, RequestNumbers.whole(form["\(name)-\(item.id)"], in: 1...10_000) ?? Int.max) }
                answers[question.id] = .order(positions.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0))
            case .blanks(_, let blanks):
                answers[question.id] = BlanksForm.answer(question.id, blanks, form)
            case .reflection:
                if let value = form.trimmed(name) { answers[question.id] = .reflection(value) }
            case .information:
                break
            }
        }
        return answers
    }

    /// Typed answers that break the rule for free text (hidden characters, too long), by question id.
    static func textProblems(_ assessment: Assessment, _ form: FormFields) -> [String: String] {
        var problems: [String: String] = [:]
        for question in assessment.questions {
            let rule: FreeText
            switch question.kind {
            case .shortAnswer: rule = .shortText
            case .reflection: rule = .reflection
            case .blanks(_, let blanks):
                if let problem = BlanksForm.textProblem(question.id, blanks, form) { problems[question.id] = problem }
                continue
            default: continue
            }
            if case .problem(let problem) = rule.check(form["q-\(question.id)"]) { problems[question.id] = problem }
        }
        return problems
    }
}

/// An assessment as a plain HTML form: radios, checkboxes, text, number and selects.
struct AssessmentModel {
    struct Option {
        var value: String
        var label: String
        /// Chosen in the answers sent back with a problem (a checked box, a selected option).
        var checked = false
    }

    /// A problem in the error summary, linked to its question's field.
    typealias ProblemLink = SummaryProblemLink

    struct Row {
        var name: String
        var label: String
        var options: [Option]
    }

    struct QuestionModel {
        var id: String
        var number: Int
        var field: String
        /// HTML Waymark rendered itself from the curriculum's safe text.
        var promptHTML: String
        var kindHint: String
        var isSingle = false
        var isMultiple = false
        var isTrueFalse = false
        var isText = false
        var isNumber = false
        var isRows = false
        var isBlanks = false
        var isReflection = false
        var isInformation = false
        var options: [Option] = []
        var rows: [Row] = []
        /// A blanks question's text, words and blanks in turn.
        var pieces: [PieceEntry] = []
        var unit: String?
        var guidance: String?
        /// What was typed (text, number, reflection) or chosen (true or false), kept when the
        /// answers come back with a problem.
        var typed = ""
        var isTrue = false
        var isFalse = false
        var problem: String?
    }

    var module: String
    var title: String
    var introductionHTML: String
    var questions: [QuestionModel]
    var passMark: String
    var canTry: Bool
    var waitUntil: String?
    var noTriesLeft: Bool
    var triesNote: String?
    var problems: [ProblemLink] = []
    /// Said when answers were sent with questions left blank, before anything is counted.
    var blanksNote: String?
    var blanks: [ProblemLink] = []

    /// True once a try at this check has passed: a cool-down is then no reason for a break.
    var passedAlready = false
    /// Where the module's pages are: the trainee's own, or the preview's (`PreviewLinks`).
    var moduleHref: String
    /// Where "Back to my next step" leads.
    var homeHref = "/dashboard"

    init(assessment: Assessment, module: Module, availability: AttemptAvailability, media: String, dates: WebDates, passedAlready: Bool = false) {
        self.module = module.id
        moduleHref = "/modules/\(module.id)"
        self.passedAlready = passedAlready
        title = assessment.title
        introductionHTML = CurriculumHTML.blocks(assessment.introduction)
        passMark = "\(Int(assessment.passMark))%"
        switch availability {
        case .available:
            canTry = true
            waitUntil = nil
            noTriesLeft = false
        case .waitUntil(let date):
            canTry = false
            waitUntil = dates.dayAndTime(date)
            noTriesLeft = false
        case .noTriesLeft:
            canTry = false
            waitUntil = nil
            noTriesLeft = true
        }
        triesNote = assessment.maximumAttempts.map { "You can try this check up to \($0) times" }
        var number = 0
        questions = assessment.questions.map { question in
            if case .information = question.kind {} else { number += 1 }
            var model = QuestionModel(
                id: question.id,
                number: number,
                field: "q-\(question.id)",
                promptHTML: CurriculumHTML.inline(question.prompt, media: media),
                kindHint: ""
            )
            switch question.kind {
            case .singleChoice(let choices, _):
                model.isSingle = true
                model.kindHint = "Choose one answer."
                model.options = choices.map { Option(value: $0.id, label: CurriculumHTML.inline($0.text, media: media)) }
            case .multipleChoice(let choices, _):
                model.isMultiple = true
                model.kindHint = "Choose all the answers that are right."
                model.options = choices.map { Option(value: $0.id, label: CurriculumHTML.inline($0.text, media: media)) }
            case .trueFalse:
                model.isTrueFalse = true
                model.kindHint = "True or false?"
            case .shortAnswer:
                model.isText = true
                model.kindHint = "Type a short answer. \(FreeText.shortText.hint)"
            case .numerical(_, let unit):
                model.isNumber = true
                model.kindHint = "Type a number."
                model.unit = unit
            case .matching(let pairs, let distractors):
                model.isRows = true
                model.kindHint = "For each one, choose the match."
                let matches = (pairs.map(\.match) + distractors).sorted()
                model.rows = pairs.map { pair in
                    Row(
                        name: "q-\(question.id)-\(pair.id)",
                        label: CurriculumHTML.inline(pair.term, media: media),
                        options: matches.map { Option(value: $0, label: CurriculumHTML.escape($0)) }
                    )
                }
            case .ordering(let items):
                model.isRows = true
                model.kindHint = "Put these in order: give each one a number, 1 first."
                model.rows = ShownOrder.items(items, questionID: question.id).map { item in
                    Row(
                        name: "q-\(question.id)-\(item.id)",
                        label: CurriculumHTML.inline(item.text, media: media),
                        options: (1...items.count).map { Option(value: "\($0)", label: "\($0)") }
                    )
                }
            case .blanks(let text, let blanks):
                model.isBlanks = true
                model.kindHint =
                    blanks.count == 1
                    ? "Fill in the blank: type the word, or choose it from the list."
                    : "Fill in each of the \(blanks.count) blanks: type the word, or choose it from the list. Each blank is marked on its own."
                model.pieces = Self.pieces(question.id, text, blanks, media: media)
            case .reflection(let guidance, _):
                model.isReflection = true
                model.kindHint = "Write in your own words. A trainer will read it. \(FreeText.reflection.hint)"
                model.guidance = guidance.isEmpty ? nil : CurriculumHTML.inline(guidance)
            case .information:
                model.isInformation = true
            }
            return model
        }
    }
}

extension AssessmentModel {
    /// Fills in the answers as they were sent, so nothing chosen or typed is lost.
    mutating func keep(_ form: FormFields) {
        for index in questions.indices {
            let field = questions[index].field
            let sent = Set(form.all(field))
            for option in questions[index].options.indices {
                questions[index].options[option].checked = sent.contains(questions[index].options[option].value)
            }
            questions[index].typed = form[field] ?? ""
            questions[index].isTrue = form[field] == "true"
            questions[index].isFalse = form[field] == "false"
            Self.keep(&questions[index].pieces, form)
            for row in questions[index].rows.indices {
                let chosen = form[questions[index].rows[row].name]
                for option in questions[index].rows[row].options.indices {
                    questions[index].rows[row].options[option].checked = questions[index].rows[row].options[option].value == chosen
                }
            }
        }
    }

    /// A reflection's problem in the trainee's words.
    static func words(for problem: ReflectionAnswerProblem) -> String {
        switch problem {
        case .tooShort(let minimum, let written) where minimum > 1:
            "Please write at least \(minimum) words. You have \(written) so far. Nothing was counted yet."
        case .tooShort:
            "Write a few words in your own words. A trainer will read them. Nothing was counted yet."
        case .tooLong(let limit):
            "That is longer than we can keep. Please shorten it to under \(limit.formatted(.number.locale(Locale(identifier: "en_GB")))) characters."
        }
    }

    /// Asks whether to send answers with these questions left blank, linking to each one.
    mutating func askAboutBlanks(_ ids: [String]) {
        let numbers = questions.filter { ids.contains($0.id) }
        blanks = numbers.map { ProblemLink(href: "#\($0.field)", text: "Question \($0.number)") }
        let count = numbers.count
        blanksNote =
            "You have not answered \(count) question\(count == 1 ? "" : "s") yet. A question left blank counts as not right. "
            + "You can answer \(count == 1 ? "it" : "them") now, or send your answers as they are."
    }

    /// Shows a problem beside a question and in the summary at the top.
    mutating func show(_ problem: String, onQuestion id: String) {
        guard let index = questions.firstIndex(where: { $0.id == id }) else { return }
        questions[index].problem = problem
        problems.append(ProblemLink(href: "#\(questions[index].field)", text: "Question \(questions[index].number): \(problem)"))
    }
}

/// The result of a try: the score, feedback per question, and kind words either way.
struct ResultModel {
    struct Item {
        var number: Int
        var promptHTML: String
        var outcome: String
        var outcomeClass: String
        var yourAnswer: String?
        var feedback: [String]
        /// For a blanks question, each blank in turn.
        var blankLines: [BlankLine] = []
    }

    var module: String
    var title: String
    var percent: String
    var best: String
    var passed: Bool
    var headline: String
    var encouragement: String
    var items: [Item]
    var canRetake: Bool
    var waitUntil: String?
    /// Where the module's pages are: the trainee's own, or the preview's (`PreviewLinks`).
    var moduleHref: String
    /// Where "See my next step" leads.
    var homeHref = "/dashboard"

    init(
        assessment: Assessment,
        module: Module,
        attempt: DatedAttempt,
        best: Double,
        availability: AttemptAvailability,
        media: String,
        dates: WebDates
    ) {
        self.module = module.id
        moduleHref = "/modules/\(module.id)"
        title = assessment.title
        percent = "\(Int(attempt.record.percent.rounded()))%"
        self.best = "\(Int(best.rounded()))%"
        passed = attempt.record.passed
        headline = passed ? "Well done. You passed." : "Not this time, and that is fine."
        encouragement =
            passed
            ? "You can move on to your next step."
            : "Most people need more than one try. Read the feedback below, look back at the unit if it helps, and try again when you are ready. Only your best try counts."
        var number = 0
        items = assessment.questions.compactMap { question in
            let result = Scoring.score(question, answer: attempt.record.answers[question.id])
            if result.outcome == .notScored, case .information = question.kind { return nil }
            number += 1
            let (outcome, outcomeClass) = Self.words(for: result.outcome)
            return Item(
                number: number,
                promptHTML: CurriculumHTML.inline(question.prompt, media: media),
                outcome: outcome,
                outcomeClass: outcomeClass,
                yourAnswer: ChosenAnswer.words(question, attempt.record.answers[question.id]),
                feedback: result.feedback.map(CurriculumHTML.escape) + result.questionFeedback.map { CurriculumHTML.inline($0.text) },
                blankLines: Self.blankLines(question, result)
            )
        }
        switch availability {
        case .available:
            canRetake = true
            waitUntil = nil
        case .waitUntil(let date):
            canRetake = false
            // After a pass there is nothing to wait for: the next step is elsewhere.
            waitUntil = passed ? nil : dates.dayAndTime(date)
        case .noTriesLeft:
            canRetake = false
            waitUntil = nil
        }
    }

    /// An outcome in words, and the class that colours it.
    static func words(for outcome: QuestionResult.Outcome) -> (String, String) {
        switch outcome {
        case .correct: ("Right", "good")
        case .partial: ("Partly right", "partial")
        // Not "Not quite": authors' own feedback often starts with those words.
        case .incorrect: ("Not right this time", "bad")
        case .notScored: ("A trainer will read this", "neutral")
        }
    }
}
