import WaymarkXML

/// Turns the safe text subset into `Inline` and `Block` values, folding whitespace as HTML would.
enum TextReader {
    /// Inline content: text, `em`, `strong`, `link`, `image`.
    static func inlines(_ element: ParsedElement) -> [Inline] {
        trimmed(rawInlines(element))
    }

    /// Block content: `p`, `heading`, `list`, `quote`, `callout`.
    static func blocks(_ elements: [ParsedElement]) -> [Block] {
        elements.compactMap(block)
    }

    static func block(_ element: ParsedElement) -> Block? {
        if element.isNamed("p") { return .paragraph(inlines(element)) }
        if element.isNamed("heading") { return .heading(element.foldedText) }
        if element.isNamed("list") {
            let style = ListStyle(rawValue: element.attribute("style") ?? "bullet") ?? .bullet
            return .list(style, element.children.filter { $0.isNamed("item") }.map(inlines))
        }
        if element.isNamed("quote") {
            return .quote(inlines(element), source: element.attribute("source").map(folded))
        }
        if element.isNamed("callout") {
            let kind = CalloutKind(rawValue: element.attribute("kind") ?? "") ?? .remember
            return .callout(kind, blocks(element.children))
        }
        return nil
    }

    private static func rawInlines(_ element: ParsedElement) -> [Inline] {
        var result: [Inline] = []
        for piece in element.foldedContent {
            switch piece {
            case .text(let folded):
                if case .text(let previous)? = result.last {
                    // Text split by a comment: join it, folding the space where the two meet.
                    result[result.count - 1] = .text(WhitespaceFolding.fold(previous + folded, trimming: false))
                } else if !folded.isEmpty {
                    result.append(.text(folded))
                }
            case .element(let child):
                if child.isNamed("em") {
                    result.append(.emphasis(rawInlines(child)))
                } else if child.isNamed("strong") {
                    result.append(.strong(rawInlines(child)))
                } else if child.isNamed("link") {
                    result.append(.link(href: (child.attribute("href") ?? "").trimmingWhitespace, rawInlines(child)))
                } else if child.isNamed("image") {
                    result.append(.image(src: (child.attribute("src") ?? "").trimmingWhitespace, alt: folded(child.attribute("alt") ?? "")))
                }
            }
        }
        return result
    }

    /// Removes the space at the very start and very end of a run, however deeply it sits.
    private static func trimmed(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        if let first = result.first {
            result[0] = trimming(first, leading: true)
        }
        if let last = result.indices.last {
            result[last] = trimming(result[last], leading: false)
        }
        return result.filter { if case .text(let text) = $0 { return !text.isEmpty } else { return true } }
    }

    private static func trimming(_ inline: Inline, leading: Bool) -> Inline {
        func edge(_ items: [Inline]) -> [Inline] {
            guard !items.isEmpty else { return items }
            var copy = items
            let index = leading ? 0 : copy.count - 1
            copy[index] = trimming(copy[index], leading: leading)
            return copy
        }
        switch inline {
        case .text(let text):
            if leading { return .text(String(text.drop { $0 == " " })) }
            var trimmedText = Substring(text)
            while trimmedText.last == " " { trimmedText.removeLast() }
            return .text(String(trimmedText))
        case .emphasis(let inner): return .emphasis(edge(inner))
        case .strong(let inner): return .strong(edge(inner))
        case .link(let href, let inner): return .link(href: href, edge(inner))
        case .image: return inline
        }
    }

    /// Runs of whitespace become one space; the ends are trimmed.
    static func folded(_ text: String) -> String {
        WhitespaceFolding.fold(text, trimming: true)
    }
}
