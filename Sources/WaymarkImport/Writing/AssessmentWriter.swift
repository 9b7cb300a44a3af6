import Foundation
import WaymarkCurriculum

/// Writes an `Assessment` as canonical Waymark XML: two-space indents, attributes in a fixed
/// order, every value escaped, numbers without exponents. The same value always gives the same
/// bytes.
public enum AssessmentWriter {
    /// The document, UTF-8, ending in a newline.
    public static func xml(_ assessment: Assessment) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        var rootAttributes = [("xmlns", CurriculumSchema.namespace), ("id", assessment.id), ("pass-mark", number(assessment.passMark))]
        if let attempts = assessment.maximumAttempts { rootAttributes.append(("max-attempts", String(attempts))) }
        if let hours = assessment.coolDownHours { rootAttributes.append(("cool-down-hours", String(hours))) }
        out += "<assessment\(attributes(rootAttributes))>\n"
        out += "  <title>\(escapeText(foldedPlain(assessment.title)))</title>\n"
        if !assessment.introduction.isEmpty {
            out += "  <introduction>\n"
            for block in assessment.introduction { out += "    " + Self.block(block) + "\n" }
            out += "  </introduction>\n"
        }
        for question in assessment.questions {
            out += self.question(question)
        }
        out += "</assessment>\n"
        return out
    }

    static func question(_ question: Question) -> String {
        let name = question.kind.typeName
        var attrs: [(String, String)] = [("id", question.id)]
        if case .information = question.kind {
            // An information item has no points or tags.
        } else {
            if question.points != 1 { attrs.append(("points", number(question.points))) }
            if !question.tags.isEmpty { attrs.append(("tags", question.tags.joined(separator: " "))) }
        }
        var body: [String] = ["<prompt>\(inlines(question.prompt))</prompt>"]
        switch question.kind {
        case .singleChoice(let choices, let shuffle), .multipleChoice(let choices, let shuffle):
            if shuffle { attrs.append(("shuffle", "true")) }
            for choice in choices {
                var choiceAttrs = [("id", choice.id)]
                if choice.isCorrect { choiceAttrs.append(("correct", "true")) }
                if let weight = choice.weight { choiceAttrs.append(("weight", number(weight))) }
                if let feedback = choice.feedback { choiceAttrs.append(("feedback", feedback)) }
                body.append("<choice\(attributes(choiceAttrs))>\(inlines(choice.text))</choice>")
            }
        case .trueFalse(let answer):
            attrs.append(("answer", answer ? "true" : "false"))
        case .shortAnswer(let accepted, let caseSensitive):
            if caseSensitive { attrs.append(("case-sensitive", "true")) }
            for accept in accepted {
                var acceptAttrs: [(String, String)] = []
                if accept.weight != 100 { acceptAttrs.append(("weight", number(accept.weight))) }
                if let feedback = accept.feedback { acceptAttrs.append(("feedback", feedback)) }
                body.append("<accept\(attributes(acceptAttrs))>\(escapeText(foldedPlain(accept.text)))</accept>")
            }
        case .numerical(let answers, let unit):
            if let unit { attrs.append(("unit", foldedPlain(unit))) }
            for answer in answers {
                var answerAttrs = [("value", number(answer.value))]
                if answer.tolerance != 0 { answerAttrs.append(("tolerance", number(answer.tolerance))) }
                if answer.weight != 100 { answerAttrs.append(("weight", number(answer.weight))) }
                if let feedback = answer.feedback { answerAttrs.append(("feedback", feedback)) }
                body.append("<answer\(attributes(answerAttrs))/>")
            }
        case .matching(let pairs, let distractors):
            for pair in pairs {
                body.append(
                    "<pair id=\"\(escapeAttribute(pair.id))\"><term>\(inlines(pair.term))</term><match>\(escapeText(foldedPlain(pair.match)))</match></pair>"
                )
            }
            for distractor in distractors {
                body.append("<distractor>\(escapeText(foldedPlain(distractor)))</distractor>")
            }
        case .ordering(let items):
            for item in items {
                body.append("<item id=\"\(escapeAttribute(item.id))\">\(inlines(item.text))</item>")
            }
        case .blanks(let text, let blanks):
            body += blanksBody(text, blanks)
        case .reflection(let guidance, let minimumWords):
            if let minimumWords { attrs.append(("min-words", String(minimumWords))) }
            if !guidance.isEmpty { body.append("<guidance>\(inlines(guidance))</guidance>") }
        case .information:
            break
        }
        switch question.kind {
        case .reflection, .information:
            break  // The schema gives these no feedback element.
        default:
            for feedback in question.feedback {
                body.append("<feedback when=\"\(feedback.condition.rawValue)\">\(inlines(feedback.text))</feedback>")
            }
        }
        var out = "\n  <\(name)\(attributes(attrs))>\n"
        for line in body { out += "    \(line)\n" }
        out += "  </\(name)>\n"
        return out
    }

    static func block(_ block: Block) -> String {
        switch block {
        case .paragraph(let content): "<p>\(inlines(content))</p>"
        case .heading(let text): "<heading>\(escapeText(foldedPlain(text)))</heading>"
        case .list(let style, let items):
            "<list style=\"\(style.rawValue)\">" + items.map { "<item>\(inlines($0))</item>" }.joined() + "</list>"
        case .quote(let content, let source):
            "<quote\(source.map { attributes([("source", $0)]) } ?? "")>\(inlines(content))</quote>"
        case .callout(let kind, let blocks):
            "<callout kind=\"\(kind.rawValue)\">" + blocks.map(Self.block).joined() + "</callout>"
        }
    }

    static func inlines(_ content: [Inline]) -> String {
        content.map { inline in
            switch inline {
            case .text(let text): escapeText(text)
            case .emphasis(let inner): "<em>\(inlines(inner))</em>"
            case .strong(let inner): "<strong>\(inlines(inner))</strong>"
            case .link(let href, let inner): "<link href=\"\(escapeAttribute(href))\">\(inlines(inner))</link>"
            case .image(let src, let alt): "<image src=\"\(escapeAttribute(src))\" alt=\"\(escapeAttribute(alt))\"/>"
            }
        }.joined()
    }

    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escapeAttribute($0.1))\"" }.joined()
    }

    /// Characters XML 1.0 cannot hold at all are left out.
    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func escapeText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars where allowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars where allowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A decimal without an exponent (xs:decimal has none) that reads back as exactly the same
    /// Double: 50, 33.33333, 3.141592653589793, 0.000000001. Swift's shortest round-trip digits
    /// are written out in full, so no value is rounded on the way to the file.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // "3.141592653589793", "1e-09" or "1.5e+20": digits, a point, and a power of ten.
        let shortest = "\(abs(value))".lowercased()
        let parts = shortest.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first.map(String.init) ?? "0"
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = Array(mantissa.filter { $0 != "." })
        var point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        if point < 0 {
            digits = Array(repeating: "0", count: -point) + digits
            point = 0
        }
        if point > digits.count { digits += Array(repeating: "0", count: point - digits.count) }
        var whole = String(digits[..<point].drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var fraction = String(digits[point...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let text = fraction.isEmpty ? whole : whole + "." + fraction
        return value < 0 && text != "0" ? "-" + text : text
    }
}
