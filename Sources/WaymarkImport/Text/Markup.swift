/// A tree of HTML-like markup, from a Moodle CDATA string or a QTI item body, before it is cut
/// down to Waymark's safe text subset. Element and attribute names are lower-case.
indirect enum Markup: Sendable, Hashable {
    case text(String)
    case element(String, attributes: [String: String], children: [Markup])
}

/// A forgiving HTML reader: unclosed and stray tags are tolerated, as browsers do, because
/// Moodle's editors write `<br>` and other HTML that is not XML.
enum HTMLFragment {
    static let voidElements: Set<String> = [
        "br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param",
    ]
    /// Elements whose content is not text to show.
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    static func parse(_ html: String) -> [Markup] {
        var stack: [(name: String, attributes: [String: String], children: [Markup])] = [("#root", [:], [])]
        func append(_ node: Markup) { stack[stack.count - 1].children.append(node) }
        func close(at index: Int) {
            while stack.count > index {
                let top = stack.removeLast()
                append(.element(top.name, attributes: top.attributes, children: top.children))
            }
        }
        let chars = Array(html.unicodeScalars)
        var i = 0
        var text = String.UnicodeScalarView()
        func flushText() {
            if !text.isEmpty {
                append(.text(decodeEntities(String(text))))
                text = String.UnicodeScalarView()
            }
        }
        func starts(_ s: String, at position: Int) -> Bool {
            let needle = Array(s.unicodeScalars)
            guard position + needle.count <= chars.count else { return false }
            for (k, c) in needle.enumerated() where Character(chars[position + k]).lowercased() != Character(c).lowercased() {
                return false
            }
            return true
        }
        while i < chars.count {
            let c = chars[i]
            guard c == "<", i + 1 < chars.count else {
                text.append(c)
                i += 1
                continue
            }
            let next = chars[i + 1]
            if starts("<!--", at: i) {
                flushText()
                var j = i + 4
                while j < chars.count, !starts("-->", at: j) { j += 1 }
                i = min(chars.count, j + 3)
                continue
            }
            if next == "!" || next == "?" {
                flushText()
                var j = i
                while j < chars.count, chars[j] != ">" { j += 1 }
                i = j + 1
                continue
            }
            let isEnd = next == "/"
            let nameStart = isEnd ? i + 2 : i + 1
            guard nameStart < chars.count, chars[nameStart].properties.isAlphabetic else {
                text.append(c)
                i += 1
                continue
            }
            flushText()
            var j = nameStart
            var name = ""
            while j < chars.count, chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) || chars[j] == "-" || chars[j] == ":" {
                name.unicodeScalars.append(chars[j])
                j += 1
            }
            name = name.lowercased()
            var attributes: [String: String] = [:]
            var selfClosing = false
            // Attributes until '>'.
            while j < chars.count, chars[j] != ">" {
                if chars[j] == "/" {
                    selfClosing = true
                    j += 1
                    continue
                }
                if chars[j].properties.isWhitespace {
                    j += 1
                    continue
                }
                var attribute = ""
                while j < chars.count, !chars[j].properties.isWhitespace, chars[j] != "=", chars[j] != ">", chars[j] != "/" {
                    attribute.unicodeScalars.append(chars[j])
                    j += 1
                }
                while j < chars.count, chars[j].properties.isWhitespace { j += 1 }
                var value = ""
                if j < chars.count, chars[j] == "=" {
                    j += 1
                    while j < chars.count, chars[j].properties.isWhitespace { j += 1 }
                    if j < chars.count, chars[j] == "\"" || chars[j] == "'" {
                        let quote = chars[j]
                        j += 1
                        while j < chars.count, chars[j] != quote {
                            value.unicodeScalars.append(chars[j])
                            j += 1
                        }
                        j += 1
                    } else {
                        while j < chars.count, !chars[j].properties.isWhitespace, chars[j] != ">" {
                            value.unicodeScalars.append(chars[j])
                            j += 1
                        }
                    }
                }
                if !attribute.isEmpty { attributes[attribute.lowercased()] = decodeEntities(value) }
                if attribute.isEmpty { j += 1 }
            }
            i = j + 1
            if isEnd {
                if let index = stack.lastIndex(where: { $0.name == name }), index > 0 {
                    close(at: index)
                }
                continue
            }
            if voidElements.contains(name) || selfClosing {
                append(.element(name, attributes: attributes, children: []))
                continue
            }
            if rawTextElements.contains(name) {
                // Skip to the matching end tag: its content is never shown.
                var k = i
                while k < chars.count, !starts("</\(name)", at: k) { k += 1 }
                append(.element(name, attributes: attributes, children: []))
                while k < chars.count, chars[k] != ">" { k += 1 }
                i = k + 1
                continue
            }
            // A new paragraph or list item closes an open one, as in HTML.
            if name == "p" || name == "li", let index = stack.lastIndex(where: { $0.name == name }), index > 0,
                !stack[index...].contains(where: { ["ul", "ol", "div", "blockquote", "table"].contains($0.name) })
            {
                close(at: index)
            }
            stack.append((name, attributes, []))
        }
        flushText()
        close(at: 1)
        return stack[0].children
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "pound": "£", "euro": "€",
        "copy": "©", "eacute": "é", "egrave": "è", "agrave": "à", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä",
        "times": "×", "divide": "÷", "deg": "°", "middot": "·", "bull": "•",
    ]

    /// Character references and the common named entities; anything unknown is left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = namedEntities[name]
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
