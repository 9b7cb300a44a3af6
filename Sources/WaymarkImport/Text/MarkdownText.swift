import Foundation

/// Moodle's Markdown text format (`format="markdown"`) read into the markup tree the HTML path
/// reads, so that it is cut down to the safe subset by the same rules and named in the same
/// warnings. Covered: paragraphs, headings, emphasis and strong, bulleted and numbered lists,
/// links, pictures, inline code and code blocks, quotes and rules. As in Markdown itself, HTML
/// written inside the text is HTML (and meets the HTML rules); a backslash makes a character plain.
struct MarkdownText {
    /// What the safe subset could not hold, once each, in the order met.
    private(set) var notes: [String] = []

    /// The text as markup, with what was changed on the way.
    static func read(_ text: String) -> (markup: [Markup], notes: [String]) {
        var reader = MarkdownText()
        let markup = reader.blocks(text)
        return (markup, reader.notes)
    }

    private mutating func note(_ message: String) {
        if !notes.contains(message) { notes.append(message) }
    }

    // MARK: Blocks

    private enum Open {
        case none
        case paragraph([String])
        case list(numbered: Bool, items: [[String]])
    }

    private mutating func blocks(_ text: String) -> [Markup] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [Markup] = []
        var open = Open.none
        func close() {
            switch open {
            case .none: break
            case .paragraph(let lines): out.append(.element("p", attributes: [:], children: inlines(lines.joined(separator: "\n"))))
            case .list(let numbered, let items):
                let children = items.map { Markup.element("li", attributes: [:], children: inlines($0.joined(separator: "\n"))) }
                out.append(.element(numbered ? "ol" : "ul", attributes: [:], children: children))
            }
            open = .none
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed.isEmpty {
                close()
                continue
            }
            if let fence = Self.fence(trimmed) {
                close()
                var code: [String] = []
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    code.append(lines[index])
                    index += 1
                }
                index += 1
                codeBlock(code, into: &out)
                continue
            }
            if case .none = open, line.hasPrefix("    ") || line.hasPrefix("\t") {
                var code = [line]
                while index < lines.count, lines[index].hasPrefix("    ") || lines[index].hasPrefix("\t") {
                    code.append(lines[index])
                    index += 1
                }
                codeBlock(code, into: &out)
                continue
            }
            if let title = Self.atxHeading(trimmed) {
                close()
                out.append(heading(inlines(title)))
                continue
            }
            if case .paragraph(let previous) = open, Self.isSetextUnderline(trimmed) {
                open = .none
                out.append(heading(inlines(previous.joined(separator: "\n"))))
                continue
            }
            if Self.isTableDivider(trimmed) {
                note("A table was kept as plain text, with its | marks: Waymark text has no tables.")
                continue
            }
            if Self.isRule(trimmed) {
                close()
                note("A line across the page (---) was dropped: Waymark text has no rules.")
                continue
            }
            if trimmed.hasPrefix(">") {
                close()
                note("A quotation (>) was kept as ordinary text: a Waymark prompt, choice or feedback has no quotes.")
                open = .paragraph([String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)])
                continue
            }
            if let item = Self.listItem(line) {
                if case .list(let numbered, var items) = open, numbered == item.numbered {
                    items.append([item.text])
                    open = .list(numbered: numbered, items: items)
                } else {
                    close()
                    open = .list(numbered: item.numbered, items: [[item.text]])
                }
                continue
            }
            switch open {
            case .none: open = .paragraph([trimmed])
            case .paragraph(let previous): open = .paragraph(previous + [trimmed])
            case .list(let numbered, var items):
                // A line that is not a new item carries on the last one.
                items[items.count - 1].append(trimmed)
                open = .list(numbered: numbered, items: items)
            }
        }
        close()
        return out
    }

    /// The nearest the subset has to a heading: a paragraph in bold.
    private mutating func heading(_ content: [Markup]) -> Markup {
        note("A heading was written as bold text: a Waymark prompt, choice or feedback is a single paragraph with no headings.")
        return .element("p", attributes: [:], children: [.element("strong", attributes: [:], children: content)])
    }

    private mutating func codeBlock(_ lines: [String], into out: inout [Markup]) {
        note("Code formatting was dropped, keeping its text: Waymark text has no code style.")
        let text = lines.map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : $0.hasPrefix("\t") ? String($0.dropFirst()) : $0 }
        out.append(.element("p", attributes: [:], children: [.text(text.joined(separator: "\n"))]))
    }

    /// "```" or "~~~" (three or more) opening a code block: the text that closes it.
    private static func fence(_ line: String) -> String? {
        for mark in ["```", "~~~"] where line.hasPrefix(mark) { return mark }
        return nil
    }

    private static func atxHeading(_ line: String) -> String? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        // "## Title ##": the closing hashes are not part of the title.
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func isSetextUnderline(_ line: String) -> Bool {
        guard let first = line.first, first == "=" || first == "-" else { return false }
        return line.allSatisfy { $0 == first }
    }

    /// The line under a table's header: "|---|:---:|", "--- | ---".
    private static func isTableDivider(_ line: String) -> Bool {
        let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return line.contains("|") && !cells.isEmpty
            && cells.allSatisfy { cell in cell.count >= 3 && cell.allSatisfy { $0 == "-" || $0 == ":" } && cell.contains("-") }
    }

    private static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " }
        guard let first = marks.first, "-*_".contains(first), marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == first }
    }

    /// "- item", "* item", "+ item", "1. item" or "1) item", indented at most three spaces.
    private static func listItem(_ line: String) -> (numbered: Bool, text: String)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        if let mark = rest.first, "-*+".contains(mark), rest.dropFirst().first == " " {
            return (false, rest.dropFirst(2).trimmingCharacters(in: .whitespaces))
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let after = rest.dropFirst(digits.count)
        guard let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " else { return nil }
        return (true, after.dropFirst(2).trimmingCharacters(in: .whitespaces))
    }

    // MARK: Inline

    /// How far ahead a closing bracket or backtick is looked for, and how deeply marks may nest:
    /// a file of ten thousand unclosed brackets must cost a moment, not hours or the stack.
    private static let reach = 1_000
    private static let deepest = 8

    /// Emphasis, strong, code, links, pictures and autolinks; the text between them is read as
    /// HTML (tags and character references), as Markdown allows.
    private mutating func inlines(_ text: String, depth: Int = 0) -> [Markup] {
        guard depth < Self.deepest else { return HTMLFragment.parse(text) }
        let chars = Array(text)
        let closers = Closers(chars)
        var out: [Markup] = []
        var raw = ""
        func flush() {
            if !raw.isEmpty { out += HTMLFragment.parse(raw) }
            raw = ""
        }
        func plain(_ text: String) {
            flush()
            out.append(.text(text))
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                plain(String(chars[i + 1]))
                i += 2
                continue
            }
            if c == "`" {
                let run = Self.run(of: "`", in: chars, at: i)
                if let close = Self.find(Array(repeating: "`", count: run), in: chars, from: i + run) {
                    note("Code formatting was dropped, keeping its text: Waymark text has no code style.")
                    plain(String(chars[(i + run)..<close]).trimmingCharacters(in: .whitespaces))
                    i = close + run
                    continue
                }
                raw += String(repeating: "`", count: run)
                i += run
                continue
            }
            if c == "!", i + 1 < chars.count, chars[i + 1] == "[", let link = Self.link(in: chars, at: i + 1) {
                flush()
                out.append(.element("img", attributes: ["src": link.target, "alt": String(chars[link.text])], children: []))
                i = link.end
                continue
            }
            if c == "[", let link = Self.link(in: chars, at: i) {
                flush()
                out.append(.element("a", attributes: ["href": link.target], children: inlines(String(chars[link.text]), depth: depth + 1)))
                i = link.end
                continue
            }
            if c == "<", let close = chars[i...].firstIndex(of: ">") {
                let inside = String(chars[(i + 1)..<close])
                let lower = inside.lowercased()
                if !inside.contains(where: \.isWhitespace),
                    lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || Self.isEmail(inside)
                {
                    flush()
                    let href = lower.hasPrefix("http") || lower.hasPrefix("mailto:") ? inside : "mailto:" + inside
                    out.append(.element("a", attributes: ["href": href], children: [.text(inside)]))
                    i = close + 1
                    continue
                }
            }
            if c == "*" || c == "_" {
                let run = min(Self.run(of: c, in: chars, at: i), 2)
                if let span = Self.emphasis(c, count: run, in: chars, at: i, closers: closers) {
                    flush()
                    let inner = inlines(String(chars[(i + run)..<span]), depth: depth + 1)
                    out.append(.element(run == 2 ? "strong" : "em", attributes: [:], children: inner))
                    i = span + run
                    continue
                }
            }
            raw.append(c)
            i += 1
        }
        flush()
        return out
    }

    private static func run(of mark: Character, in chars: [Character], at start: Int) -> Int {
        var end = start
        while end < chars.count, chars[end] == mark { end += 1 }
        return end - start
    }

    private static func find(_ needle: [Character], in chars: [Character], from start: Int) -> Int? {
        guard !needle.isEmpty, start + needle.count <= chars.count else { return nil }
        for position in start...min(chars.count - needle.count, start + reach)
        where needle.indices.allSatisfy({ chars[position + $0] == needle[$0] }) {
            // A longer run of the same mark is not the closing one.
            if position + needle.count < chars.count, chars[position + needle.count] == needle[0] { continue }
            if position > start, chars[position - 1] == needle[0] { continue }
            return position
        }
        return nil
    }

    /// `*x*`, `_x_`, `**x**` or `__x__` starting at `start`: where the closing marks begin. The
    /// opening mark is followed by a letter, not a space; `_` inside a word (snake_case) is a
    /// character, as Markdown has it.
    private static func emphasis(_ mark: Character, count: Int, in chars: [Character], at start: Int, closers: Closers) -> Int? {
        let open = start + count
        guard open < chars.count, !chars[open].isWhitespace else { return nil }
        if mark == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        return closers.first(mark, count: count, after: open)
    }

    /// Where `*x*`, `_x_`, `**x**` and `__x__` may close, found in one pass. Whether a place can
    /// close does not depend on where the opening was, so each opening looks its closing up
    /// instead of scanning ahead, and a line of unclosed stars costs no more than its length.
    private struct Closers {
        private var places: [String: [Int]] = [:]

        init(_ chars: [Character]) {
            for mark in ["*", "_"] as [Character] {
                for count in 1...2 {
                    var found: [Int] = []
                    var position = 1
                    while position + count <= chars.count {
                        if Self.closes(mark, count: count, chars, at: position) { found.append(position) }
                        position += 1
                    }
                    places["\(mark)\(count)"] = found
                }
            }
        }

        private static func closes(_ mark: Character, count: Int, _ chars: [Character], at position: Int) -> Bool {
            guard chars[position] == mark, count == 1 || chars[position + 1] == mark, !chars[position - 1].isWhitespace else { return false }
            let after = position + count
            // A single mark followed by another is part of a longer run, not a closing one.
            if count == 1, after < chars.count, chars[after] == mark { return false }
            if mark == "_", after < chars.count, chars[after].isLetter || chars[after].isNumber { return false }
            return true
        }

        /// The first place after `open` where this mark closes.
        func first(_ mark: Character, count: Int, after open: Int) -> Int? {
            guard let list = places["\(mark)\(count)"] else { return nil }
            var low = 0
            var high = list.count
            while low < high {
                let middle = low + (high - low) / 2
                if list[middle] > open { high = middle } else { low = middle + 1 }
            }
            return low < list.count ? list[low] : nil
        }
    }

    /// `[text](target "title")` starting at the `[`: the text's range, the target and where it ends.
    private static func link(in chars: [Character], at start: Int) -> (text: Range<Int>, target: String, end: Int)? {
        var depth = 0
        var close: Int?
        var position = start
        while position < chars.count, position - start < reach {
            if chars[position] == "\\" {
                position += 2
                continue
            }
            if chars[position] == "[" { depth += 1 }
            if chars[position] == "]" {
                depth -= 1
                if depth == 0 {
                    close = position
                    break
                }
            }
            position += 1
        }
        guard let close, close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        // The target may hold balanced brackets of its own: (https://example.org/a_(b)).
        var nesting = 0
        var found: Int?
        for index in (close + 2)..<min(chars.count, close + 2 + reach) {
            if chars[index] == "(" { nesting += 1 }
            if chars[index] == ")" {
                if nesting == 0 {
                    found = index
                    break
                }
                nesting -= 1
            }
        }
        guard let end = found else { return nil }
        var target = String(chars[(close + 2)..<end]).trimmingCharacters(in: .whitespaces)
        if target.hasPrefix("<"), let angle = target.firstIndex(of: ">") {
            target = String(target[target.index(after: target.startIndex)..<angle])
        } else if let space = target.firstIndex(where: \.isWhitespace) {
            target = String(target[..<space])
        }
        return ((start + 1)..<close, target, end + 1)
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(":") && !text.contains("/")
    }
}
