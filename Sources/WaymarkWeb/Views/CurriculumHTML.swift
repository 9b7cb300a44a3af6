import WaymarkCurriculum

/// Curriculum text as HTML. Every character of text is escaped; the only markup is what the
/// safe subset allows, so a trainer's file can never put a script or a style on a page.
/// Pages insert this HTML unescaped (`{{{...}}}`), and only this.
public enum CurriculumHTML {
    /// Escapes text for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        // Most curriculum text has nothing to escape; it is handed back as it is.
        guard
            text.utf8.contains(where: {
                $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
            })
        else { return text }
        return HTMLWriter.escape(text)
    }

    /// Inline text: words, emphasis, strong words, links (http, https, mailto only), and
    /// pictures served from `media` (a path such as "/media/peer-mentoring/"); without `media`
    /// a picture is shown as its description.
    public static func inline(_ inlines: [Inline], media: String? = nil) -> String {
        var html = ""
        append(inlines, media: media, to: &html)
        return html
    }

    /// Blocks: paragraphs, headings, lists, quotes, callouts.
    public static func blocks(_ blocks: [Block], headingLevel: Int = 3) -> String {
        var html = ""
        for block in blocks { append(block, headingLevel: headingLevel, to: &html) }
        return html
    }

    static func append(_ inlines: [Inline], media: String? = nil, to html: inout String) {
        for inline in inlines {
            switch inline {
            case .text(let text): html += escape(text)
            case .emphasis(let inner):
                html += "<em>"
                append(inner, media: media, to: &html)
                html += "</em>"
            case .strong(let inner):
                html += "<strong>"
                append(inner, media: media, to: &html)
                html += "</strong>"
            case .link(let href, let inner):
                // The schema allows only these schemes; check again here, since HTML is the last line.
                if href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("mailto:") {
                    html += "<a href=\"\(escape(href))\" rel=\"noopener noreferrer\">"
                    append(inner, media: media, to: &html)
                    html += "</a>"
                } else {
                    append(inner, media: media, to: &html)
                }
            case .image(let src, let alt):
                if let media, MediaPath.isSafe(src) {
                    html += "<img src=\"\(escape(media + src))\" alt=\"\(escape(alt))\">"
                } else {
                    html += "[\(escape(alt))]"
                }
            }
        }
    }

    static func append(_ block: Block, headingLevel: Int, to html: inout String) {
        switch block {
        case .paragraph(let inlines):
            html += "<p>"
            append(inlines, to: &html)
            html += "</p>\n"
        case .heading(let text):
            html += "<h\(headingLevel)>\(escape(text))</h\(headingLevel)>\n"
        case .list(let style, let items):
            let tag = style == .numbered ? "ol" : "ul"
            html += "<\(tag)>"
            for item in items {
                html += "<li>"
                append(item, to: &html)
                html += "</li>"
            }
            html += "</\(tag)>\n"
        case .quote(let inlines, let source):
            html += "<blockquote><p>"
            append(inlines, to: &html)
            html += "</p>"
            if let source { html += "<footer>\(escape(source))</footer>" }
            html += "</blockquote>\n"
        case .callout(let kind, let inner):
            // A note, not an <aside>: a complementary landmark inside the unit's <section> is one a
            // screen reader lists apart from the text it belongs to.
            html += "<div class=\"callout callout-\(kind.rawValue)\" role=\"note\"><p class=\"callout-label\">\(calloutLabel(kind))</p>"
            for block in inner { append(block, headingLevel: headingLevel + 1, to: &html) }
            html += "</div>\n"
        }
    }

    static func calloutLabel(_ kind: CalloutKind) -> String {
        switch kind {
        case .reflect: "Stop and think"
        case .takeCare: "Take care"
        case .tip: "Tip"
        case .remember: "Remember"
        }
    }
}
