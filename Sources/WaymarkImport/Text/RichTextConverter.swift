import Foundation
import WaymarkCurriculum

/// Cuts markup down to Waymark's safe inline subset: text, emphasis, strong, web and email links
/// and images kept as media files. Everything else is dropped, and each kind of thing dropped is
/// named in a warning.
struct RichTextConverter {
    /// Finds the bytes behind an image source or link target that is not a web address, or nil.
    var locate: (String) -> (name: String, bytes: [UInt8])?
    let media: MediaStore
    private(set) var warnings: [String] = []
    /// Media paths this converter has referred to, in order.
    private(set) var used: [String] = []
    private var droppedTags: [String] = []
    private var droppedWithContent: [String] = []
    private var flattenedList = false
    private var droppedStyle = false

    init(media: MediaStore, locate: @escaping (String) -> (name: String, bytes: [UInt8])?) {
        self.media = media
        self.locate = locate
    }

    /// Elements that only separate text, kept as a space because a prompt is one run of text.
    private static let separators: Set<String> = [
        "p", "br", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "pre", "hr",
        "section", "article", "header", "footer", "dl", "dt", "dd", "figure", "figcaption", "center",
    ]
    /// Separators that drop nothing a reader would miss; the others are named in a warning.
    private static let quietSeparators: Set<String> = ["p", "br"]
    /// Dropped together with everything inside them.
    private static let droppedWhole: Set<String> = [
        "script", "style", "iframe", "embed", "video", "audio", "svg", "math", "form", "input", "button", "select",
        "textarea", "canvas", "noscript", "template", "title", "head", "meta", "link",
    ]

    /// The markup as one run of inline text.
    mutating func inlines(_ nodes: [Markup]) -> [Inline] {
        let raw = convert(nodes, inLink: false)
        return InlineFolding.normalise(raw)
    }

    /// The markup as plain words (images become their alt text).
    mutating func plainText(_ nodes: [Markup]) -> String {
        inlines(nodes).plainText
    }

    /// Adds the warnings collected so far to `messages`, once each, and starts afresh.
    mutating func flushWarnings(into messages: inout [String]) {
        if !droppedTags.isEmpty {
            warnings.append("HTML Waymark does not keep was dropped, keeping its text: \(droppedTags.map { "<\($0)>" }.joined(separator: ", ")).")
        }
        if !droppedWithContent.isEmpty {
            warnings.append(
                "HTML Waymark does not keep was dropped with everything inside it: \(droppedWithContent.map { "<\($0)>" }.joined(separator: ", "))."
            )
        }
        if droppedStyle {
            warnings.append("Styles (style=\"...\") were dropped: Waymark text has no colours, fonts or alignment.")
        }
        if flattenedList {
            warnings.append("A list was written as one run of text: a Waymark prompt, choice or feedback is a single paragraph.")
        }
        for warning in warnings where !messages.contains(warning) {
            messages.append(warning)
        }
        warnings = []
        droppedTags = []
        droppedWithContent = []
        flattenedList = false
        droppedStyle = false
    }

    /// Adds a warning for the report, once.
    mutating func note(_ message: String) {
        if !warnings.contains(message) { warnings.append(message) }
    }

    private mutating func convert(_ nodes: [Markup], inLink: Bool) -> [Inline] {
        var out: [Inline] = []
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(.text(text))
            case .element(let name, let attributes, let children):
                out += element(name, attributes, children, inLink: inLink)
            }
        }
        return out
    }

    private mutating func element(_ name: String, _ attributes: [String: String], _ children: [Markup], inLink: Bool) -> [Inline] {
        if let style = attributes["style"], !style.trimmingCharacters(in: .whitespaces).isEmpty { droppedStyle = true }
        switch name {
        case "em", "i", "cite", "var", "dfn":
            if name != "em" && name != "i" { remember(dropped: name) }
            return [.emphasis(convert(children, inLink: inLink))]
        case "strong", "b":
            return [.strong(convert(children, inLink: inLink))]
        case "a":
            return link(attributes["href"] ?? "", children, inLink: inLink)
        case "img":
            return image(src: attributes["src"] ?? "", alt: attributes["alt"] ?? "", inLink: inLink)
        case "object":
            // QTI puts pictures and other media in <object data>, with text inside for those who
            // cannot see it; the text is what Waymark can keep.
            let data = attributes["data"] ?? ""
            note("The <object> \(data.isEmpty ? "" : data + " ")was dropped, keeping the text inside it.")
            return [.text(" ")] + convert(children, inLink: inLink) + [.text(" ")]
        case "ul", "ol":
            return [.text(" ")] + convert(children, inLink: inLink) + [.text(" ")]
        case "li":
            flattenedList = true
            return [.text(" • ")] + convert(children, inLink: inLink) + [.text(" ")]
        default:
            if Self.droppedWhole.contains(name) {
                if !droppedWithContent.contains(name) { droppedWithContent.append(name) }
                return [.text(" ")]
            }
            if Self.separators.contains(name) {
                if !Self.quietSeparators.contains(name) { remember(dropped: name) }
                return [.text(" ")] + convert(children, inLink: inLink) + [.text(" ")]
            }
            remember(dropped: name)
            return convert(children, inLink: inLink)
        }
    }

    private mutating func remember(dropped name: String) {
        if !droppedTags.contains(name) { droppedTags.append(name) }
    }

    private static func isWebOrMail(_ href: String) -> Bool {
        let lower = href.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:"))
            && href.count > 7 && !href.contains(where: \.isWhitespace)
    }

    private mutating func link(_ rawHref: String, _ children: [Markup], inLink: Bool) -> [Inline] {
        let href = rawHref.trimmingCharacters(in: .whitespacesAndNewlines)
        let inner = convert(children, inLink: true)
        if Self.isWebOrMail(href) {
            return inLink ? inner : [.link(href: href, inner)]
        }
        if href.isEmpty || href.hasPrefix("#") { return inner }
        if let found = locate(href) {
            let file = media.add(name: found.name, bytes: found.bytes)
            if !used.contains(file.path) { used.append(file.path) }
            note("The link to \(found.name) was kept as its text: Waymark links only to web and email addresses. The file is saved as \(file.path).")
        } else {
            note("The link to \(href) was dropped, keeping its text: Waymark links only to http, https and mailto addresses.")
        }
        return inner
    }

    private mutating func image(src: String, alt: String, inLink: Bool) -> [Inline] {
        let altText = alt.trimmingCharacters(in: .whitespacesAndNewlines)
        let fallback: [Inline] = altText.isEmpty ? [] : [.text(" [Picture: \(altText)] ")]
        if let found = locate(src) {
            let file = media.add(name: found.name, bytes: found.bytes)
            if !used.contains(file.path) { used.append(file.path) }
            if inLink {
                note("The image \(found.name) inside a link was kept as its alt text; the file is saved as \(file.path).")
                return fallback
            }
            if !file.isImage {
                note("\(found.name) is not a picture Waymark can show; its alt text was kept and the file saved as \(file.path).")
                return fallback
            }
            if altText.isEmpty {
                note("The image \(found.name) has no alt text, so people who cannot see it will miss it. Add one in the written file.")
            }
            return [.image(src: file.path, alt: altText)]
        }
        if src.lowercased().hasPrefix("data:") {
            note("An image written inside the HTML (a data: URL) was dropped\(altText.isEmpty ? "" : ", keeping its alt text \"\(altText)\"").")
        } else {
            note("The image \(src) was not found, so only its alt text\(altText.isEmpty ? " (none)" : " \"\(altText)\"") was kept.")
        }
        return fallback
    }
}

/// Whitespace folded as HTML shows it: runs become one space, none at the start or the end.
enum InlineFolding {
    static func normalise(_ inlines: [Inline]) -> [Inline] {
        var lastWasSpace = true
        func walk(_ items: [Inline]) -> [Inline] {
            var out: [Inline] = []
            for item in items {
                switch item {
                case .text(let text):
                    var folded = ""
                    for character in text {
                        if character.isWhitespace || character == "\u{A0}" {
                            if !lastWasSpace {
                                folded.append(" ")
                                lastWasSpace = true
                            }
                        } else {
                            folded.append(character)
                            lastWasSpace = false
                        }
                    }
                    guard !folded.isEmpty else { continue }
                    if case .text(let previous)? = out.last {
                        out[out.count - 1] = .text(previous + folded)
                    } else {
                        out.append(.text(folded))
                    }
                case .emphasis(let inner):
                    let walked = walk(inner)
                    if !walked.isEmpty { out.append(.emphasis(walked)) }
                case .strong(let inner):
                    let walked = walk(inner)
                    if !walked.isEmpty { out.append(.strong(walked)) }
                case .link(let href, let inner):
                    var walked = walk(inner)
                    if walked.plainText.trimmingCharacters(in: .whitespaces).isEmpty {
                        walked = [.text(href)]
                        lastWasSpace = false
                    }
                    out.append(.link(href: href, walked))
                case .image:
                    out.append(item)
                    lastWasSpace = false
                }
            }
            return out
        }
        return trimTrailing(walk(inlines))
    }

    private static func trimTrailing(_ items: [Inline]) -> [Inline] {
        var result = items
        while let last = result.last {
            switch last {
            case .text(let text):
                var trimmed = Substring(text)
                while trimmed.last == " " { trimmed.removeLast() }
                if trimmed.isEmpty {
                    result.removeLast()
                    continue
                }
                result[result.count - 1] = .text(String(trimmed))
            case .emphasis(let inner):
                let trimmed = trimTrailing(inner)
                if trimmed.isEmpty {
                    result.removeLast()
                    continue
                }
                result[result.count - 1] = .emphasis(trimmed)
            case .strong(let inner):
                let trimmed = trimTrailing(inner)
                if trimmed.isEmpty {
                    result.removeLast()
                    continue
                }
                result[result.count - 1] = .strong(trimmed)
            case .link(let href, let inner):
                result[result.count - 1] = .link(href: href, trimTrailing(inner))
            case .image:
                break
            }
            break
        }
        return result
    }
}

/// Folds whitespace in plain text: "  a \n b " becomes "a b".
func foldedPlain(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" }).joined(separator: " ")
}
