import Foundation
import WaymarkCurriculum
import WaymarkXML

/// A response declaration: what the answer looks like, what is right, and what it is worth.
struct QTIResponse {
    struct Entry {
        var key: String
        var value: Double
        var caseSensitive: Bool?
    }

    var cardinality: String
    var baseType: String
    var correct: [String]
    var entries: [Entry]?
    var lowerBound: Double?
    var upperBound: Double?
    var defaultValue: Double

    init(_ element: ParsedElement) {
        cardinality = element.qti("cardinality") ?? "single"
        baseType = element.qti("baseType") ?? "identifier"
        correct = element.qtiChild("correctResponse")?.qtiChildren("value").map { foldedPlain($0.text) } ?? []
        if let mapping = element.qtiChild("mapping") {
            entries = mapping.qtiChildren("mapEntry").map { entry in
                Entry(
                    key: foldedPlain(entry.qti("mapKey") ?? ""),
                    value: Double(entry.qti("mappedValue") ?? "") ?? 0,
                    caseSensitive: entry.qti("caseSensitive").map { $0 == "true" || $0 == "1" }
                )
            }
            lowerBound = mapping.qti("lowerBound").flatMap(Double.init)
            upperBound = mapping.qti("upperBound").flatMap(Double.init)
            defaultValue = mapping.qti("defaultValue").flatMap(Double.init) ?? 0
        } else {
            entries = nil
            defaultValue = 0
        }
    }

    /// What `map_response` gives this key: its entry, or the default.
    func mapped(_ key: String) -> Double {
        entries?.first { $0.key == key }?.value ?? defaultValue
    }
}

/// One QTI item read into a source question.
struct QTIItem {
    let root: ParsedElement
    let input: ImportInput
    let media: MediaStore
    var messages: [String] = []
    /// The interaction's name once found, for the report.
    var interactionType = "assessmentItem"
    var converter: RichTextConverter

    static let supported: Set<String> = [
        "choiceInteraction", "textEntryInteraction", "extendedTextInteraction", "matchInteraction", "orderInteraction",
        "inlineChoiceInteraction",
    ]
    static let inline: Set<String> = ["textEntryInteraction", "inlineChoiceInteraction", "endAttemptInteraction"]
    /// QTI content that only a delivery engine's outcome processing would show.
    static let dropped: Set<String> = [
        "rubricBlock", "modalFeedback", "feedbackBlock", "feedbackInline", "templateBlock", "templateInline", "printedVariable",
        "stylesheet", "companionMaterialsInfo", "catalogInfo",
    ]

    init(root: ParsedElement, input: ImportInput, base: URL, media: MediaStore) {
        self.root = root
        self.input = input
        self.media = media
        let folder = input.url.deletingLastPathComponent()
        let allowed = base.standardizedFileURL.resolvingSymlinksInPath().path
        converter = RichTextConverter(media: media) { src in
            // Only files inside the package or folder being imported, named by a relative path:
            // an item must not be able to copy other files on this computer into the output.
            guard !src.isEmpty, !src.contains(":"), !src.hasPrefix("/") else { return nil }
            let path = src.split(separator: "?").first.map(String.init) ?? src
            let url = folder.appendingPathComponent(path.removingPercentEncoding ?? path).standardizedFileURL.resolvingSymlinksInPath()
            guard url.path.hasPrefix(allowed.hasSuffix("/") ? allowed : allowed + "/") else { return nil }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                let data = try? Data(contentsOf: url), data.count <= 10_000_000
            else { return nil }
            return (url.lastPathComponent, [UInt8](data))
        }
    }

    struct Skip: Error {
        var message: String
        var line: Int?
    }

    mutating func read() -> SourceQuestion {
        let identifier = root.qti("identifier") ?? ""
        let name = foldedPlain(root.qti("title") ?? "").isEmpty ? identifier : foldedPlain(root.qti("title") ?? "")
        var item = ImportItem(
            file: input.displayPath,
            line: root.location.line,
            name: name.isEmpty ? "(no title)" : name,
            type: "assessmentItem",
            status: .imported,
            questionID: nil,
            waymarkType: nil,
            messages: []
        )
        do throws(Skip) {
            let (question, type, line) = try build(identifier: identifier.isEmpty ? name : identifier)
            item.type = type
            item.line = line
            converter.flushWarnings(into: &messages)
            item.messages = messages
            return SourceQuestion(item: item, question: question, media: converter.used)
        } catch {
            item.status = .skipped
            item.type = interactionType
            if let line = error.line { item.line = line }
            item.messages = [error.message]
            return SourceQuestion(item: item, question: nil)
        }
    }

    private mutating func build(identifier: String) throws(Skip) -> (Question, String, Int) {
        guard let body = root.qtiChild("itemBody") else { throw Skip(message: "The item has no itemBody.") }
        let interactions = Self.interactions(in: body)
        guard let interaction = interactions.first else {
            throw Skip(message: "The item has no interaction, so there is nothing to answer.")
        }
        let type = interaction.qtiName
        interactionType = type
        if Self.isBlanks(interactions) {
            return try blanksQuestion(body: body, interactions: interactions, identifier: identifier)
        }
        if interactions.count > 1 {
            let names = interactions.map { "<\($0.name)>" }.joined(separator: ", ")
            throw Skip(
                message: "The item has \(interactions.count) interactions (\(names)); a Waymark question asks one thing.",
                line: interaction.location.line
            )
        }
        guard Self.supported.contains(type) else {
            throw Skip(message: "Waymark has no question like QTI's <\(interaction.name)>, so it was skipped.", line: interaction.location.line)
        }
        let template = try responseTemplate()
        if !root.qtiChildren("modalFeedback").isEmpty {
            messages.append("Modal feedback was not kept: it depends on outcome processing Waymark does not run.")
        }
        let prompt = converter.inlines(markup(body))
        let line = interaction.location.line
        if type == "extendedTextInteraction" {
            return (
                Question(id: identifier, points: 1, tags: [], prompt: prompt, kind: .reflection(guidance: [], minimumWords: nil), feedback: []), type,
                line
            )
        }
        guard let template else {
            throw Skip(message: "The item has no response processing, so nothing says how it is scored.", line: line)
        }
        let responseID = interaction.qti("responseIdentifier") ?? ""
        guard let declaration = root.qtiChildren("responseDeclaration").first(where: { $0.qti("identifier") == responseID }) else {
            throw Skip(message: "No responseDeclaration has the identifier \(responseID).", line: line)
        }
        let response = QTIResponse(declaration)
        if template == "map_response", response.entries == nil {
            throw Skip(message: "map_response needs a <mapping> in the response declaration, and there is none.", line: line)
        }
        let (kind, points): (QuestionKind, Double)
        switch type {
        case "choiceInteraction", "inlineChoiceInteraction":
            let choiceName = type == "choiceInteraction" ? "simpleChoice" : "inlineChoice"
            (kind, points) = try choice(interaction, choiceName: choiceName, response: response, template: template)
        case "textEntryInteraction":
            (kind, points) = try textEntry(response, template: template, line: line)
        case "matchInteraction":
            (kind, points) = try match(interaction, response: response, template: template)
        default:
            (kind, points) = try order(interaction, response: response, template: template)
        }
        return (Question(id: identifier, points: points, tags: [], prompt: prompt, kind: kind, feedback: []), type, line)
    }

    static func interactions(in element: ParsedElement) -> [ParsedElement] {
        element.children.flatMap { child -> [ParsedElement] in
            if child.qtiName.hasSuffix("Interaction") { return [child] }
            return interactions(in: child)
        }
    }

    /// "match_correct" or "map_response" from the template URL; nil when there is none.
    func responseTemplate() throws(Skip) -> String? {
        guard let processing = root.qtiChild("responseProcessing") else { return nil }
        guard let url = processing.qti("template") ?? processing.qti("templateLocation") else {
            throw Skip(
                message: "The item has its own response processing rules; Waymark knows only the standard templates match_correct and map_response.",
                line: processing.location.line
            )
        }
        var name = url.split(separator: "/").last.map(String.init) ?? url
        if name.hasSuffix(".xml") { name.removeLast(4) }
        guard name == "match_correct" || name == "map_response" else {
            throw Skip(
                message: "The response processing template \(name) is not one Waymark knows (match_correct, map_response).",
                line: processing.location.line
            )
        }
        return name
    }

    // MARK: Body text

    /// The item body as markup, with inline interactions shown as a blank and block
    /// interactions as their prompt.
    func markup(_ element: ParsedElement) -> [Markup] {
        var out: [Markup] = []
        for piece in element.foldedContent {
            switch piece {
            case .text(let text):
                out.append(.text(text))
            case .element(let child):
                let name = child.qtiName
                if name.hasSuffix("Interaction") {
                    if Self.inline.contains(name) {
                        out.append(.text(" ____"))
                    } else if let prompt = child.qtiChild("prompt") {
                        out.append(.element("p", attributes: [:], children: markup(prompt)))
                    }
                } else if Self.dropped.contains(name) {
                    continue
                } else {
                    var attributes: [String: String] = [:]
                    for key in ["href", "src", "alt", "data", "type"] {
                        if let value = child.attribute(key) { attributes[key] = value }
                    }
                    out.append(.element(child.name.lowercased(), attributes: attributes, children: markup(child)))
                }
            }
        }
        return out
    }
}
