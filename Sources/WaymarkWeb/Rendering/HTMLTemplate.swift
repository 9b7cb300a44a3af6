/// A Mustache template compiled once, at start-up, into steps that render by appending to one
/// buffer. The `.mustache` files stay the only source of the pages; this reads them.
///
/// It understands the part of Mustache Waymark's templates use: text, `{{name}}` (escaped),
/// `{{{name}}}` and `{{&name}}` (not escaped), sections, inverted sections, comments, `{{.}}` and
/// transforms such as `empty(list)`. Anything else (partials, delimiters, blocks) is refused when
/// the template loads, never half-rendered. Whitespace around standalone tags follows
/// swift-mustache's parser exactly, so a page's bytes do not change with the renderer.
struct HTMLTemplate: Sendable {
    /// One step of rendering. Steps hold only numbers, so walking them retains nothing: text is a
    /// range of `bytes`, a name an index into `lookups`, and a section's body the steps up to `end`.
    enum Op: Sendable {
        case text(start: Int, end: Int)
        case value(lookup: Int, escaped: Bool)
        case section(lookup: Int, end: Int, inverted: Bool)
    }

    /// A name as a tag wrote it: `.`, `name`, `a.b`, with transforms applied innermost first.
    struct Lookup: Sendable {
        enum Transform: String, CaseIterable, Sendable {
            case empty, count
        }

        var name: String
        /// The name before the first dot; nil for `.`.
        var first: TemplateKey?
        /// The names after the first dot.
        var rest: [TemplateKey]
        /// Transforms outermost first, as written: `empty(list)` is `[.empty]`.
        var transforms: [Transform]
        /// `.name` looks only at the innermost value, not up the stack.
        var anchored: Bool

        init(name: String, transforms: [Transform]) {
            self.name = name
            self.transforms = transforms
            anchored = name.first == "." && name != "."
            let path = name == "." ? [] : name.split(separator: ".").map { TemplateKey(String($0)) }
            first = path.first
            rest = Array(path.dropFirst())
        }
    }

    /// Why a template could not be read.
    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "at character \(offset): \(message)" }
    }

    private(set) var ops: [Op] = []
    /// All the template's text, one run after another.
    private(set) var bytes: [UInt8] = []
    private(set) var lookups: [Lookup] = []

    init(_ text: String) throws {
        var parser = TemplateParser(Array(text))
        compile(try parser.parse(TemplateParser.State()))
    }

    /// Appends the steps for these tokens, joining neighbouring text into one append.
    private mutating func compile(_ tokens: [TemplateParser.Token]) {
        var textStart = bytes.count
        func endText() {
            if bytes.count > textStart { ops.append(.text(start: textStart, end: bytes.count)) }
        }
        for token in tokens {
            if case .text(let string) = token {
                bytes += Array(string.utf8)
                continue
            }
            endText()
            switch token {
            case .text: break
            case .variable(let name, let transforms):
                ops.append(.value(lookup: lookup(name, transforms), escaped: true))
            case .unescapedVariable(let name, let transforms):
                ops.append(.value(lookup: lookup(name, transforms), escaped: false))
            case .section(let name, let transforms, let inner, let inverted):
                let index = ops.count
                ops.append(.section(lookup: lookup(name, transforms), end: 0, inverted: inverted))
                compile(inner)
                if case .section(let lookup, _, let inverted) = ops[index] {
                    ops[index] = .section(lookup: lookup, end: ops.count, inverted: inverted)
                }
            }
            textStart = bytes.count
        }
        endText()
    }

    /// The parser has refused any transform that is not a `Lookup.Transform`.
    private mutating func lookup(_ name: String, _ transforms: [String]) -> Int {
        lookups.append(Lookup(name: name, transforms: transforms.compactMap(Lookup.Transform.init(rawValue:))))
        return lookups.count - 1
    }
}

/// A port of swift-mustache's parser (2.1), for the tags Waymark uses. Its whitespace rules are
/// the ones that decide a page's bytes: a section, inverted section, closing tag or comment alone
/// on its line takes the line's indentation and line ending with it.
struct TemplateParser {
    indirect enum Token {
        case text(String)
        case variable(String, [String])
        case unescapedVariable(String, [String])
        case section(String, [String], [Token], inverted: Bool)
    }

    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
    }

    private let characters: [Character]
    private var position = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    private var reachedEnd: Bool { position == characters.count }
    private var current: Character { reachedEnd ? "\0" : characters[position] }

    mutating func parse(_ initial: State) throws -> [Token] {
        var tokens: [Token] = []
        var state = initial
        var whiteSpaceBefore = ""
        while !reachedEnd {
            if state.newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
            let text = readUntilTagOrNewline()
            if current.isNewline {
                tokens.append(.text(whiteSpaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            // Emits the indentation kept back in case the tag was standalone.
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
            }
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try parseName()
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let inner = try parse(State(sectionName: name, sectionTransforms: transforms, newLine: state.newLine && setNewLine))
                tokens.append(.section(name, transforms, inner, inverted: inverted))
            case "/":
                position += 1
                let (name, transforms) = try parseName()
                guard name == initial.sectionName, transforms == initial.sectionTransforms else {
                    throw fail("{{/\(name)}} does not close the open section")
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return tokens
            case "!":
                position += 1
                try skipComment()
                setNewLine = isStandalone(state)
            case "{":
                flushWhiteSpace()
                position += 1
                let (name, transforms) = try parseName()
                guard current == "}" else { throw fail("{{{\(name)}} needs a third closing brace") }
                position += 1
                tokens.append(.unescapedVariable(name, transforms))
            case "&":
                flushWhiteSpace()
                position += 1
                let (name, transforms) = try parseName()
                tokens.append(.unescapedVariable(name, transforms))
            case ">", "<", "$", "=", "%":
                throw fail("the tag {{\(current)...}} is not supported by Waymark's renderer")
            default:
                flushWhiteSpace()
                let (name, transforms) = try parseName()
                tokens.append(.variable(name, transforms))
            }
            state.newLine = setNewLine
        }
        guard initial.sectionName == nil else { throw fail("the section \(initial.sectionName ?? "") is not closed") }
        return tokens
    }

    private func fail(_ message: String) -> HTMLTemplate.ParseError {
        HTMLTemplate.ParseError(message: message, offset: position)
    }

    private mutating func read(while matches: (Character) -> Bool) -> String {
        let start = position
        while !reachedEnd, matches(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func read(_ string: String) -> Bool {
        let wanted = Array(string)
        guard position + wanted.count <= characters.count, Array(characters[position..<position + wanted.count]) == wanted else { return false }
        position += wanted.count
        return true
    }

    /// Text up to a newline (not taken) or past an opening `{{`.
    private mutating func readUntilTagOrNewline() -> String {
        var text = ""
        while !reachedEnd {
            text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline { break }
            if current == "{" {
                if read("{{") { break }
                text.append("{")
                position += 1
            }
        }
        return text
    }

    /// The transforms the renderer knows: `empty(list)`, `empty(text)`, `count(list)`.
    private static let transforms = Set(HTMLTemplate.Lookup.Transform.allCases.map(\.rawValue))

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")

    /// A tag's name and its transforms: `empty(list)` is `("list", ["empty"])`.
    private mutating func parseName() throws -> (String, [String]) {
        _ = read { $0.isWhitespace }
        let text = read { Self.nameCharacters.contains($0) }
        _ = read { $0.isWhitespace }
        guard read("}}") else { throw fail("a tag is not closed") }
        guard text.contains("(") || text.contains(")") else { return (text, []) }
        var parts = text.split(separator: "(", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1, let last = parts.popLast() else { throw fail("\(text) is not a name") }
        let closing = last.drop { $0 != ")" }
        let name = String(last.prefix { $0 != ")" })
        guard closing.count == parts.count, closing.allSatisfy({ $0 == ")" }), !parts.contains(where: { $0.contains(")") }) else {
            throw fail("\(text) is not a name")
        }
        for transform in parts where !Self.transforms.contains(transform) {
            throw fail("the transform \(transform)() is not supported by Waymark's renderer")
        }
        return (name, parts)
    }

    private mutating func skipComment() throws {
        while !reachedEnd {
            if read("}}") { return }
            position += 1
        }
        throw fail("a comment is not closed")
    }

    /// Whether the tag just read stands alone on its line; if so the rest of the line goes too.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if reachedEnd { return true }
        var end = position
        while end < characters.count, characters[end] == " " || characters[end] == "\t" { end += 1 }
        guard end < characters.count, characters[end].isNewline else { return false }
        position = end + 1
        return true
    }
}
