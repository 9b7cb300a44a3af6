/// A run of text in the safe subset trainers write: plain words, emphasis and web or email links.
///
/// No raw HTML can be expressed; pages render these values with escaping.
public indirect enum Inline: Sendable, Hashable, Codable {
    /// Plain characters, whitespace already folded.
    case text(String)
    /// Stressed words (`<em>`).
    case emphasis([Inline])
    /// Important words (`<strong>`).
    case strong([Inline])
    /// A link whose target starts with http://, https:// or mailto:.
    case link(href: String, [Inline])
    /// A picture kept beside the curriculum file (`<image src="media/x.jpg" alt="..."/>`);
    /// `alt` says what it shows, for screen readers and plain text.
    case image(src: String, alt: String)
}

/// A block of reading: a paragraph, a heading, a list, a quote or a callout box.
public indirect enum Block: Sendable, Hashable, Codable {
    /// A paragraph.
    case paragraph([Inline])
    /// A sub-heading inside a section.
    case heading(String)
    /// A bulleted or numbered list; each item is a run of inline text.
    case list(ListStyle, [[Inline]])
    /// A quotation, with who said it when known.
    case quote([Inline], source: String?)
    /// A box that stands out: something to reflect on, to take care with, a tip, or to remember.
    case callout(CalloutKind, [Block])
}

/// How a list is marked.
public enum ListStyle: String, Sendable, Hashable, Codable {
    case bullet
    case numbered
}

/// The kinds of callout box.
public enum CalloutKind: String, Sendable, Hashable, Codable {
    case reflect
    case takeCare = "take-care"
    case tip
    case remember
}

extension Array where Element == Inline {
    /// The words without markup, for titles, search and plain-text output.
    public var plainText: String {
        var result = ""
        for inline in self {
            switch inline {
            case .text(let text): result += text
            case .emphasis(let inner), .strong(let inner), .link(_, let inner): result += inner.plainText
            case .image(_, let alt): result += alt
            }
        }
        return result
    }
}
