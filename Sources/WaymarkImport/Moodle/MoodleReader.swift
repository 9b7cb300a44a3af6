import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Reads one Moodle XML file (`<quiz>` of `<question type="...">`) into source questions.
struct MoodleReader {
    let input: ImportInput
    let media: MediaStore

    /// Moodle types Waymark has nothing like, with the name Moodle shows for them.
    static let unsupported: [String: String] = [
        "calculated": "Calculated",
        "calculatedsimple": "Calculated simple",
        "calculatedmulti": "Calculated multichoice",
        "ddwtos": "Drag and drop into text",
        "ddimageortext": "Drag and drop onto image",
        "ddmarker": "Drag and drop markers",
        "randomsamatch": "Random short-answer matching",
        "random": "Random question",
    ]

    /// Moodle types whose question text holds the blanks.
    static let blanksTypes: Set<String> = ["cloze", "multianswer", "gapselect"]

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

    func fileProblem(line: Int, _ messages: [String]) -> SourceQuestion {
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
    func categoryTags(_ element: ParsedElement) -> [String] {
        let path = child(element, "category").flatMap { child($0, "text") }?.text ?? ""
        return path.split(separator: "/")
            .map { foldedPlain(HTMLFragment.decodeEntities(String($0))) }
            .filter { !$0.isEmpty && !($0.hasPrefix("$") && $0.hasSuffix("$")) && $0 != "top" }
            .map { Slug.make($0, fallback: "category") }
    }

    // MARK: One question

    func question(_ element: ParsedElement, type: String, tags: [String]) -> SourceQuestion {
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
        // A cloze or gapselect question text becomes the blanks' text instead, read with its markers.
        var prompt =
            Self.blanksTypes.contains(type)
            ? [] : withLegacyPicture(richText(child(element, "questiontext"), converter: &converter), element, converter: &converter)
        let outcome: Result<(QuestionKind, [Feedback]), Skip>
        switch type {
        case "multichoice": outcome = multichoice(element, converter: &converter, messages: &messages)
        case "truefalse": outcome = truefalse(element, converter: &converter)
        case "shortanswer": outcome = shortanswer(element, converter: &converter, messages: &messages)
        case "numerical": outcome = numerical(element, converter: &converter, messages: &messages)
        case "match", "matching": outcome = matching(element, converter: &converter, messages: &messages)
        case "essay": outcome = essay(element, messages: &messages)
        case "description": outcome = .success((.information, []))
        case "cloze", "multianswer": outcome = cloze(element, converter: &converter, messages: &messages)
        case "gapselect": outcome = gapselect(element, converter: &converter, messages: &messages)
        case "ordering": outcome = ordering(element, converter: &converter, messages: &messages)
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
        if case .blanks = kind {
            // The question text became the blanks' text; the prompt says what to do with it.
            prompt = withLegacyPicture([.text("Fill in the blanks.")], element, converter: &converter)
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

    // MARK: Feedback and text

    func questionFeedback(_ element: ParsedElement, kind: QuestionKind, converter: inout RichTextConverter) -> [Feedback] {
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
    func richText(_ field: ParsedElement?, converter: inout RichTextConverter) -> [Inline] {
        guard let field, let text = child(field, "text")?.text else { return [] }
        return converter.inlines(MoodleTextFormat.markup(text, format: field.attribute("format") ?? "html", converter: &converter))
    }

    func feedbackText(_ answer: ParsedElement, converter: inout RichTextConverter) -> String? {
        let text = richText(child(answer, "feedback"), converter: &converter).plainText
        return text.isEmpty ? nil : text
    }

    /// Moodle shows names as text: tags in a CDATA name are not markup to keep.
    func questionPlainName(_ element: ParsedElement) -> String {
        let raw = child(element, "name").flatMap { child($0, "text") }?.text ?? ""
        var scratch = RichTextConverter(media: MediaStore(folder: "unused"), locate: { _ in nil })
        let name = scratch.plainText(HTMLFragment.parse(raw))
        return name.isEmpty ? "(no name)" : name
    }

    func converter(for question: ParsedElement) -> RichTextConverter {
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
        if let name = legacyPictureName(question), files[name] == nil, let bytes = legacyPictureBytes(question) {
            files[name] = bytes
        }
        return RichTextConverter(media: media) { reference in
            let prefix = "@@PLUGINFILE@@/"
            guard reference.hasPrefix(prefix) else { return nil }
            let encoded = String(reference.dropFirst(prefix.count)).split(separator: "?").first.map(String.init) ?? ""
            let name = encoded.removingPercentEncoding ?? encoded
            return files[name].map { (name, $0) }
        }
    }

    func fractionOf(_ answer: ParsedElement) -> Double {
        Double((answer.attribute("fraction") ?? "0").trimmingCharacters(in: .whitespaces)) ?? 0
    }

    func boolValue(_ element: ParsedElement?, default value: Bool) -> Bool {
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

    func child(_ element: ParsedElement, _ name: String) -> ParsedElement? {
        element.children.first { $0.name == name }
    }

    func children(_ element: ParsedElement, _ name: String) -> [ParsedElement] {
        element.children.filter { $0.name == name }
    }
}
