import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Reads one Moodle XML file (`<quiz>` of `<question type="...">`) into source questions.
struct MoodleReader {
    let input: ImportInput
    let media: MediaStore

    /// Moodle types Waymark has nothing like, with the name Moodle shows for them.
    static let unsupported: [String: String] = [
        "multianswer": "Embedded answers (Cloze)",
        "gapselect": "Select missing words",
        "ordering": "Ordering",
        "calculated": "Calculated",
        "calculatedsimple": "Calculated simple",
        "calculatedmulti": "Calculated multichoice",
        "ddwtos": "Drag and drop into text",
        "ddimageortext": "Drag and drop onto image",
        "ddmarker": "Drag and drop markers",
        "randomsamatch": "Random short-answer matching",
        "random": "Random question",
    ]

    func read() -> [SourceQuestion] {
        let document: ParsedDocument
        do {
            document = try SafeXML.parse(contentsOf: input.url, displayPath: input.displayPath)
        } catch {
            return [fileProblem(line: error.diagnostics.first?.line ?? 1, error.diagnostics.map(\.message))]
        }
        guard let root = document.root, root.name == "quiz" else {
            return [fileProblem(line: document.root?.location.line ?? 1, ["This is not a Moodle XML question bank: it has no <quiz>."])]
        }
        var tags: [String] = []
        var result: [SourceQuestion] = []
        for element in root.children where element.name == "question" {
            let type = element.attribute("type") ?? ""
            if type == "category" {
                tags = categoryTags(element)
                continue
            }
            result.append(question(element, type: type, tags: tags))
        }
        if result.isEmpty {
            result.append(fileProblem(line: root.location.line, ["This file holds no questions."]))
        }
        return result
    }

    private func fileProblem(line: Int, _ messages: [String]) -> SourceQuestion {
        SourceQuestion(
            item: ImportItem(
                file: input.displayPath,
                line: line,
                name: (input.displayPath as NSString).lastPathComponent,
                type: "file",
                status: .skipped,
                questionID: nil,
                waymarkType: nil,
                messages: messages
            ),
            question: nil
        )
    }

    /// `$course$/top/Default for C1/Week 2` becomes the tags `default-for-c1 week-2`.
    private func categoryTags(_ element: ParsedElement) -> [String] {
        let path = child(element, "category").flatMap { child($0, "text") }?.text ?? ""
        return path.split(separator: "/")
            .map { foldedPlain(HTMLFragment.decodeEntities(String($0))) }
            .filter { !$0.isEmpty && !($0.hasPrefix("$") && $0.hasSuffix("$")) && $0 != "top" }
            .map { Slug.make($0, fallback: "category") }
    }

    // MARK: One question

    private func question(_ element: ParsedElement, type: String, tags: [String]) -> SourceQuestion {
        var converter = converter(for: element)
        let name = questionPlainName(element)
        var item = ImportItem(
            file: input.displayPath,
            line: element.location.line,
            name: name,
            type: type,
            status: .imported,
            questionID: nil,
            waymarkType: nil,
            messages: []
        )
        if let description = Self.unsupported[type] {
            item.status = .skipped
            item.messages = ["Waymark has no question type like Moodle's \(type) (\(description)), so it was skipped."]
            return SourceQuestion(item: item, question: nil)
        }
        var messages: [String] = []
        let prompt = richText(child(element, "questiontext"), converter: &converter)
        let outcome: Result<(QuestionKind, [Feedback]), Skip>
        switch type {
        case "multichoice": outcome = multichoice(element, converter: &converter, messages: &messages)
        case "truefalse": outcome = truefalse(element, converter: &converter)
        case "shortanswer": outcome = shortanswer(element, converter: &converter, messages: &messages)
        case "numerical": outcome = numerical(element, converter: &converter, messages: &messages)
        case "match", "matching": outcome = matching(element, converter: &converter, messages: &messages)
        case "essay": outcome = essay(element, messages: &messages)
        case "description": outcome = .success((.information, []))
        default:
            item.status = .skipped
            item.messages = ["Waymark does not know Moodle questions of type \"\(type)\", so it was skipped."]
            return SourceQuestion(item: item, question: nil)
        }
        let kind: QuestionKind
        var feedback: [Feedback]
        switch outcome {
        case .failure(let skip):
            item.status = .skipped
            item.line = skip.line ?? item.line
            item.messages = [skip.message]
            return SourceQuestion(item: item, question: nil)
        case .success(let value):
            (kind, feedback) = value
        }
        feedback = questionFeedback(element, kind: kind, converter: &converter) + feedback
        switch kind {
        case .reflection, .information:
            if let general = child(element, "generalfeedback"), !richText(general, converter: &converter).isEmpty {
                messages.append("The general feedback was not kept: a Waymark \(kind.typeName) has no feedback.")
            }
        default: break
        }
        let hints = children(element, "hint").filter { !($0.children.first { $0.name == "text" }?.text ?? "").isEmpty }.count
        if hints > 0 {
            messages.append("\(hints) hint\(hints == 1 ? " was" : "s were") not kept: Waymark has no hints (trainees may retake instead).")
        }
        var points = 1.0
        if let grade = child(element, "defaultgrade").flatMap({ Double($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
            if grade > 0 {
                points = grade
            } else if case .information = kind {
            } else {
                messages.append("The default mark was \(AssessmentWriter.number(grade)); Waymark needs more than 0, so it is 1.")
            }
        }
        if prompt.isEmpty {
            messages.append("The question text is empty.")
        }
        converter.flushWarnings(into: &messages)
        item.messages = messages
        let question = Question(id: name, points: points, tags: tags, prompt: prompt, kind: kind, feedback: feedback)
        return SourceQuestion(item: item, question: question, media: converter.used)
    }

    struct Skip: Error {
        var message: String
        var line: Int?
    }

    // MARK: Types

    private func multichoice(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        let single = boolValue(child(element, "single"), default: true)
        let shuffle = boolValue(child(element, "shuffleanswers"), default: true)
        let answers = children(element, "answer")
        if let refused = refusedGrade(element, answers) { return .failure(refused) }
        var choices: [Choice] = []
        var ids = UniqueIDs()
        for (index, answer) in answers.enumerated() {
            let fraction = MoodleGrades.snapped(fractionOf(answer))
            let text = richText(answer, converter: &converter)
            choices.append(
                Choice(
                    id: ids.claim(Self.letterID(index)),
                    text: text,
                    isCorrect: single ? fraction >= 100 : fraction > 0,
                    weight: fraction,
                    feedback: feedbackText(answer, converter: &converter)
                )
            )
        }
        if single {
            guard choices.contains(where: \.isCorrect) else {
                return .failure(Skip(message: "No answer is worth 100%, so Moodle would not save this single-answer question either."))
            }
            // All-or-nothing choices need no weights; partial ones keep theirs.
            if choices.allSatisfy({ $0.weight == 0 || $0.weight == 100 }) {
                choices = choices.map {
                    var choice = $0
                    choice.weight = nil
                    return choice
                }
            }
            return .success((.singleChoice(choices, shuffle: shuffle), []))
        }
        let positive = choices.compactMap(\.weight).filter { $0 > 0 }.reduce(0, +)
        if abs(positive - 100) > 0.01 {
            return .failure(
                Skip(
                    message:
                        "The positive grades add up to \(AssessmentWriter.number(positive))%, not 100%, so Moodle would not save this question either."
                )
            )
        }
        return .success((.multipleChoice(choices, shuffle: shuffle), []))
    }

    /// Moodle's own import refuses a question whose grades are not in its list; so do we, saying
    /// so the way Moodle would and where.
    private func refusedGrade(_ element: ParsedElement, _ answers: [ParsedElement]) -> Skip? {
        let bad = answers.filter { !MoodleGrades.isAllowed(fractionOf($0)) }
        guard let first = bad.first else { return nil }
        let grades = bad.map { answer in
            let written = answer.attribute("fraction") ?? "0"
            return "\(written) (line \(answer.location.line))"
        }
        let moodleList = bad.map { AssessmentWriter.number(fractionOf($0) / 100) }.joined(separator: ", ")
        let name = questionPlainName(element)
        let message =
            "The grade \(grades.joined(separator: ", the grade ")) is not allowed: Moodle accepts only the grades in its list "
            + "(100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0, "
            + "and the same below zero). Moodle itself says: \"Grades (\(moodleList)) do not match grade options - question '\(name)' skipped.\""
        return Skip(message: message, line: first.location.line)
    }

    private func truefalse(_ element: ParsedElement, converter: inout RichTextConverter) -> Result<(QuestionKind, [Feedback]), Skip> {
        var answerIsTrue: Bool?
        var feedback: [Feedback] = []
        var right: [Inline] = []
        var wrong: [Inline] = []
        for answer in children(element, "answer") {
            let value = (child(answer, "text")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let isTrue = value == "true" || value == "1"
            let text = child(answer, "feedback").map { richText($0, converter: &converter) } ?? []
            if fractionOf(answer) >= 100 {
                answerIsTrue = isTrue
                right = text
            } else {
                wrong = text
            }
        }
        guard let answerIsTrue else {
            return .failure(Skip(message: "Neither true nor false is worth 100%, so there is no right answer."))
        }
        if !right.isEmpty { feedback.append(Feedback(condition: .correct, text: right)) }
        if !wrong.isEmpty { feedback.append(Feedback(condition: .incorrect, text: wrong)) }
        return .success((.trueFalse(answer: answerIsTrue), feedback))
    }

    private func shortanswer(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        let answers = children(element, "answer")
        if let refused = refusedGrade(element, answers) { return .failure(refused) }
        let caseSensitive = boolValue(child(element, "usecase"), default: false)
        var accepted: [AcceptedAnswer] = []
        var best = -Double.infinity
        for answer in answers {
            let text = foldedPlain(child(answer, "text")?.text ?? "")
            guard !text.isEmpty else { continue }
            let weight = MoodleGrades.snapped(fractionOf(answer))
            if weight < 0 {
                messages.append("The answer \"\(text)\" took marks away (\(AssessmentWriter.number(weight))%); Waymark gives it 0.")
            }
            if text.contains("\\*") {
                messages.append("The answer \"\(text)\" used \\* for a real star; Waymark reads every * as \"anything\".")
            }
            if weight < best, accepted.contains(where: { WildcardMatch.matches(pattern: $0.text, text, caseSensitive: caseSensitive) }) {
                messages.append("The answer \"\(text)\" can never be reached in Moodle (an earlier answer matches first).")
            }
            best = max(best, weight)
            accepted.append(AcceptedAnswer(text: text, weight: max(0, weight), feedback: feedbackText(answer, converter: &converter)))
        }
        return .success((.shortAnswer(accepted, caseSensitive: caseSensitive), []))
    }

    private func numerical(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        let answers = children(element, "answer")
        if let refused = refusedGrade(element, answers) { return .failure(refused) }
        var result: [NumericAnswer] = []
        for answer in answers {
            let written = (child(answer, "text")?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if written == "*" {
                messages.append("The \"any other answer\" (*) was not kept: Waymark gives no marks for other numbers.")
                continue
            }
            guard let value = Double(written), value.isFinite else {
                messages.append("The answer \"\(written)\" is not a number and was left out.")
                continue
            }
            let tolerance = child(answer, "tolerance").flatMap { Double($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
            let weight = MoodleGrades.snapped(fractionOf(answer))
            if weight < 0 {
                messages.append("The answer \(written) took marks away (\(AssessmentWriter.number(weight))%); Waymark gives it 0.")
            }
            result.append(
                NumericAnswer(value: value, tolerance: abs(tolerance), weight: max(0, weight), feedback: feedbackText(answer, converter: &converter))
            )
        }
        var unit: String?
        let units = child(element, "units").map { children($0, "unit") } ?? []
        if let base = units.first(where: { Double(child($0, "multiplier")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") == 1 }) {
            let name = foldedPlain(child(base, "unit_name")?.text ?? "")
            if !name.isEmpty { unit = name }
        }
        if units.count > 1 {
            messages.append("Only the unit \(unit ?? "with multiplier 1") was kept: Waymark does not convert between units.")
        }
        guard result.contains(where: { $0.weight >= 100 }) else {
            return .failure(Skip(message: "No numerical answer is worth 100%."))
        }
        return .success((.numerical(result, unit: unit), []))
    }

    private func matching(
        _ element: ParsedElement,
        converter: inout RichTextConverter,
        messages: inout [String]
    ) -> Result<(QuestionKind, [Feedback]), Skip> {
        var pairs: [MatchPair] = []
        var distractors: [String] = []
        var ids = UniqueIDs()
        for sub in children(element, "subquestion") {
            let match = foldedPlain(child(sub, "answer").flatMap { child($0, "text") }?.text ?? "")
            let term = richText(sub, converter: &converter)
            if term.isEmpty {
                if !match.isEmpty { distractors.append(match) }
                continue
            }
            guard !match.isEmpty else {
                return .failure(Skip(message: "A subquestion has no answer.", line: sub.location.line))
            }
            pairs.append(MatchPair(id: ids.claim(Slug.make(term.plainText, fallback: "pair")), term: term, match: match))
        }
        let real = Set(pairs.map { $0.match.lowercased() })
        let extra = distractors.filter { !real.contains($0.lowercased()) }
        if extra.count < distractors.count {
            messages.append("A wrong answer that is the same as a right one was shown once, as Moodle does.")
        }
        var seen: Set<String> = []
        distractors = extra.filter { seen.insert($0.lowercased()).inserted }
        // shuffleanswers needs no counterpart: Waymark always lists the matches in its own order.
        return .success((.matching(pairs, distractors: distractors), []))
    }

    private func essay(_ element: ParsedElement, messages: inout [String]) -> Result<(QuestionKind, [Feedback]), Skip> {
        let minimum = child(element, "minwordlimit").flatMap { Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if let maximum = child(element, "maxwordlimit").flatMap({ Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }), maximum > 0 {
            messages.append("The word limit of \(maximum) was not kept: Waymark sets only a minimum.")
        }
        if let attachments = child(element, "attachments").flatMap({ Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }), attachments != 0
        {
            messages.append("Attachments were not kept: a Waymark reflection is written text.")
        }
        if let info = child(element, "graderinfo").flatMap({ child($0, "text") }), !foldedPlain(info.text).isEmpty {
            messages.append("The information for graders was not kept: Waymark shows reflection guidance to the trainee.")
        }
        return .success((.reflection(guidance: [], minimumWords: minimum.flatMap { $0 > 0 ? $0 : nil }), []))
    }

    // MARK: Feedback and text

    private func questionFeedback(_ element: ParsedElement, kind: QuestionKind, converter: inout RichTextConverter) -> [Feedback] {
        var result: [Feedback] = []
        let sources: [(String, Feedback.Condition)] = [
            ("generalfeedback", .always), ("correctfeedback", .correct), ("partiallycorrectfeedback", .partial),
            ("incorrectfeedback", .incorrect),
        ]
        for (name, condition) in sources {
            guard let found = element.children.first(where: { $0.name == name }) else { continue }
            let text = richText(found, converter: &converter)
            if !text.isEmpty { result.append(Feedback(condition: condition, text: text)) }
        }
        return result
    }

    /// The `<text>` of a Moodle text field, in the safe subset.
    private func richText(_ field: ParsedElement?, converter: inout RichTextConverter) -> [Inline] {
        guard let field, let text = child(field, "text")?.text else { return [] }
        let format = field.attribute("format") ?? "html"
        if format == "html" || format == "moodle_auto_format" {
            return converter.inlines(HTMLFragment.parse(text))
        }
        return converter.inlines([.text(text)])
    }

    private func feedbackText(_ answer: ParsedElement, converter: inout RichTextConverter) -> String? {
        let text = richText(child(answer, "feedback"), converter: &converter).plainText
        return text.isEmpty ? nil : text
    }

    /// Moodle shows names as text: tags in a CDATA name are not markup to keep.
    private func questionPlainName(_ element: ParsedElement) -> String {
        let raw = child(element, "name").flatMap { child($0, "text") }?.text ?? ""
        var scratch = RichTextConverter(media: MediaStore(folder: "unused"), locate: { _ in nil })
        let name = scratch.plainText(HTMLFragment.parse(raw))
        return name.isEmpty ? "(no name)" : name
    }

    private func converter(for question: ParsedElement) -> RichTextConverter {
        // Files embedded anywhere in the question, by name: @@PLUGINFILE@@/name refers to them.
        var files: [String: [UInt8]] = [:]
        func collect(_ element: ParsedElement) {
            for child in element.children {
                if child.name == "file", let name = child.attribute("name") {
                    if (child.attribute("encoding") ?? "base64") == "base64",
                        let data = Data(base64Encoded: child.text, options: .ignoreUnknownCharacters)
                    {
                        files[name] = [UInt8](data)
                    }
                } else {
                    collect(child)
                }
            }
        }
        collect(question)
        return RichTextConverter(media: media) { reference in
            let prefix = "@@PLUGINFILE@@/"
            guard reference.hasPrefix(prefix) else { return nil }
            let encoded = String(reference.dropFirst(prefix.count)).split(separator: "?").first.map(String.init) ?? ""
            let name = encoded.removingPercentEncoding ?? encoded
            return files[name].map { (name, $0) }
        }
    }

    private func fractionOf(_ answer: ParsedElement) -> Double {
        Double((answer.attribute("fraction") ?? "0").trimmingCharacters(in: .whitespaces)) ?? 0
    }

    private func boolValue(_ element: ParsedElement?, default value: Bool) -> Bool {
        guard let element else { return value }
        switch element.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        default: return value
        }
    }

    static func letterID(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return index < letters.count ? String(letters[index]) : "choice-\(index + 1)"
    }

    private func child(_ element: ParsedElement, _ name: String) -> ParsedElement? {
        element.children.first { $0.name == name }
    }

    private func children(_ element: ParsedElement, _ name: String) -> [ParsedElement] {
        element.children.filter { $0.name == name }
    }
}

/// The `*` wildcard as Waymark scores it, to spot Moodle answers that could never be reached.
enum WildcardMatch {
    static func matches(pattern: String, _ text: String, caseSensitive: Bool) -> Bool {
        let p = Array(caseSensitive ? pattern : pattern.lowercased())
        let t = Array(caseSensitive ? text : text.lowercased())
        var pi = 0
        var ti = 0
        var star: Int?
        var resume = 0
        while ti < t.count {
            if pi < p.count, p[pi] != "*", p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                resume = ti
                pi += 1
            } else if let s = star {
                pi = s + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
