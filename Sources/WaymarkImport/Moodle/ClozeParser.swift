import Foundation

/// Moodle's embedded-answers (cloze) syntax, read the way Moodle's own `qtype_multianswer`
/// reads it: `{2:SHORTANSWER:=answer#feedback~%50%half#fb}` is one blank worth 2 marks.
/// Something in braces that does not follow the syntax stays in the text, as Moodle leaves it.
struct ClozeParser {
    /// The kinds of embedded answer, by every name Moodle accepts for them.
    enum Kind: Equatable {
        case shortAnswer(caseSensitive: Bool)
        case numerical
        /// A list; `display` is Moodle's name for how it was shown (a dropdown, radio buttons).
        case multichoice(display: String, shuffled: Bool)
        case multiResponse

        static let names: [(String, Kind)] = [
            ("SHORTANSWER_C", .shortAnswer(caseSensitive: true)), ("SAC", .shortAnswer(caseSensitive: true)),
            ("MWC", .shortAnswer(caseSensitive: true)), ("SHORTANSWER", .shortAnswer(caseSensitive: false)),
            ("SA", .shortAnswer(caseSensitive: false)), ("MW", .shortAnswer(caseSensitive: false)),
            ("NUMERICAL", .numerical), ("NM", .numerical),
            ("MULTICHOICE_VS", .multichoice(display: "MULTICHOICE_VS", shuffled: true)),
            ("MCVS", .multichoice(display: "MULTICHOICE_VS", shuffled: true)),
            ("MULTICHOICE_HS", .multichoice(display: "MULTICHOICE_HS", shuffled: true)),
            ("MCHS", .multichoice(display: "MULTICHOICE_HS", shuffled: true)),
            ("MULTICHOICE_S", .multichoice(display: "MULTICHOICE_S", shuffled: true)),
            ("MCS", .multichoice(display: "MULTICHOICE_S", shuffled: true)),
            ("MULTICHOICE_V", .multichoice(display: "MULTICHOICE_V", shuffled: false)),
            ("MCV", .multichoice(display: "MULTICHOICE_V", shuffled: false)),
            ("MULTICHOICE_H", .multichoice(display: "MULTICHOICE_H", shuffled: false)),
            ("MCH", .multichoice(display: "MULTICHOICE_H", shuffled: false)),
            ("MULTICHOICE", .multichoice(display: "MULTICHOICE", shuffled: false)),
            ("MC", .multichoice(display: "MULTICHOICE", shuffled: false)),
            ("MULTIRESPONSE_HS", .multiResponse), ("MRHS", .multiResponse), ("MULTIRESPONSE_H", .multiResponse),
            ("MRH", .multiResponse), ("MULTIRESPONSE_S", .multiResponse), ("MRS", .multiResponse),
            ("MULTIRESPONSE", .multiResponse), ("MR", .multiResponse),
        ]
    }

    /// One answer of an embedded answer: `%50%half#feedback`.
    struct Alternative: Equatable {
        /// Percent: 100 for `=`, the number for `%n%`, 0 otherwise.
        var fraction: Double
        /// As written, escapes and entities undone.
        var answer: String
        var feedback: String?
    }

    /// One embedded answer, in the order it stands in the text.
    struct Embedded: Equatable {
        /// Marks, 1 when none were written.
        var marks: Double
        var kind: Kind
        /// The name as written (`SA`, `MULTICHOICE_V`).
        var typeName: String
        var alternatives: [Alternative]
        /// The whole marker, as written, for messages.
        var source: String
    }

    /// The text with `{{1}}`, `{{2}}`, ... where the embedded answers were, and the answers.
    struct Parsed {
        var template: String
        var embedded: [Embedded]
        /// Markers that look meant as embedded answers but do not follow the syntax.
        var unread: [String]
    }

    static func parse(_ text: String) -> Parsed {
        var template = ""
        var embedded: [Embedded] = []
        var unread: [String] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if characters[index] == "{", let (found, end) = embeddedAnswer(characters, at: index) {
                embedded.append(found)
                template += "{{\(embedded.count)}}"
                index = end
                continue
            }
            if characters[index] == "{", looksMeant(characters, at: index) {
                let close = characters[index...].firstIndex(of: "}") ?? min(characters.count - 1, index + 40)
                unread.append(String(characters[index...close]))
            }
            template.append(characters[index])
            index += 1
        }
        return Parsed(template: template, embedded: embedded, unread: unread)
    }

    /// `{` then digits, `:`, a type name and `:` (the start Moodle looks for).
    private static func looksMeant(_ characters: [Character], at start: Int) -> Bool {
        var index = start + 1
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        guard index < characters.count, characters[index] == ":" else { return false }
        let rest = String(characters[(index + 1)..<min(characters.count, index + 20)])
        return Kind.names.contains { rest.hasPrefix($0.0) }
    }

    private static func embeddedAnswer(_ characters: [Character], at start: Int) -> (Embedded, Int)? {
        var index = start + 1
        var digits = ""
        while index < characters.count, characters[index].isASCII, characters[index].isNumber {
            digits.append(characters[index])
            index += 1
        }
        guard index < characters.count, characters[index] == ":" else { return nil }
        index += 1
        let rest = String(characters[index..<min(characters.count, index + 20)])
        // Longest names first in the table, so MULTICHOICE_V is not read as MULTICHOICE.
        guard let (name, kind) = Kind.names.first(where: { rest.hasPrefix($0.0 + ":") }) else { return nil }
        index += name.count + 1
        var alternatives: [Alternative] = []
        while true {
            guard let (alternative, next) = self.alternative(characters, at: index) else { return nil }
            alternatives.append(alternative)
            index = next
            guard index < characters.count else { return nil }
            if characters[index] == "}" { break }
            index += 1  // the ~ before the next alternative
        }
        let marks = digits.isEmpty ? 1 : Double(digits) ?? 1
        let source = String(characters[start...index])
        return (Embedded(marks: marks, kind: kind, typeName: name, alternatives: alternatives, source: source), index + 1)
    }

    /// `=answer#feedback`, `%50%answer`, `answer`: up to an unescaped `~` or `}`.
    private static func alternative(_ characters: [Character], at start: Int) -> (Alternative, Int)? {
        var index = start
        var fraction = 0.0
        if index < characters.count, characters[index] == "=" {
            fraction = 100
            index += 1
        } else if index < characters.count, characters[index] == "%" {
            var number = ""
            var cursor = index + 1
            while cursor < characters.count, "-0123456789.,".contains(characters[cursor]) {
                number.append(characters[cursor])
                cursor += 1
            }
            if cursor < characters.count, characters[cursor] == "%", let value = Double(number.replacingOccurrences(of: ",", with: ".")) {
                fraction = value
                index = cursor + 1
            }
        }
        // The answer: at least one character, ending before ~, # or } that no \ (or &, for an
        // entity such as &#39;) stands before.
        var answer = ""
        while index < characters.count {
            let character = characters[index]
            let escaped = index > start && characters[index - 1] == "\\" && !isEscapedBackslash(characters, at: index - 1, from: start)
            let entity = character == "#" && index > start && characters[index - 1] == "&"
            if "~#}".contains(character), !escaped, !entity, !answer.isEmpty { break }
            answer.append(character)
            index += 1
        }
        guard !answer.isEmpty, index < characters.count else { return nil }
        var feedback: String?
        if characters[index] == "#" {
            index += 1
            var text = ""
            while index < characters.count {
                let character = characters[index]
                let escaped = characters[index - 1] == "\\" && !isEscapedBackslash(characters, at: index - 1, from: start)
                if "~}".contains(character), !escaped { break }
                text.append(character)
                index += 1
            }
            guard index < characters.count else { return nil }
            feedback = text
        }
        return (Alternative(fraction: fraction, answer: unescaped(answer), feedback: feedback.map(unescaped)), index)
    }

    /// Whether the backslash at `index` is itself escaped (`\\`), so it escapes nothing.
    private static func isEscapedBackslash(_ characters: [Character], at index: Int, from start: Int) -> Bool {
        var count = 0
        var cursor = index
        while cursor >= start, characters[cursor] == "\\" {
            count += 1
            cursor -= 1
        }
        return count % 2 == 0
    }

    /// `\}` `\#` `\~` `\/` `\"` `\\` become the character itself.
    static func unescaped(_ text: String) -> String {
        var out = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if character == "\\" {
                guard let next = iterator.next() else {
                    out.append(character)
                    break
                }
                if "}#~/\"\\".contains(next) {
                    out.append(next)
                } else {
                    out.append(character)
                    out.append(next)
                }
            } else {
                out.append(character)
            }
        }
        return out
    }
}
