import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Moodle's "select missing words" (`gapselect`) becomes a blanks question: each `[[n]]` in the
/// text is a list of the choices in choice n's group, and choice n is the right one.
extension MoodleReader {
    func gapselect(_ element: ParsedElement, converter: inout RichTextConverter, messages: inout [String]) -> Result<(QuestionKind, [Feedback]), Skip> {
        struct SelectOption {
            var text: String
            var group: String
        }
        let options = children(element, "selectoption").map { option in
            SelectOption(
                text: foldedPlain(converter.plainText(HTMLFragment.parse(child(option, "text")?.text ?? ""))),
                group: (child(option, "group")?.text ?? "1").trimmingCharacters(in: .whitespacesAndNewlines)
            )
        }
        let field = child(element, "questiontext")
        let raw = field.flatMap { child($0, "text") }?.text ?? ""
        // Each [[n]] is a blank of its own, numbered in the order they stand, so a choice used
        // in two places is two blanks.
        var template = ""
        var blanks: [Blank] = []
        var rest = Substring(raw)
        while let open = rest.range(of: "[[") {
            template += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, after.dropFirst(digits.count).hasPrefix("]]"), let choice = Int(digits) else {
                template += "[["
                rest = after
                continue
            }
            guard choice >= 1, choice <= options.count else {
                return .failure(
                    Skip(message: "The text has [[\(choice)]], but there \(options.count == 1 ? "is only 1 choice" : "are only \(options.count) choices"). Moodle would not save it either.")
                )
            }
            let right = options[choice - 1]
            guard !right.text.isEmpty else {
                return .failure(Skip(message: "Choice \(choice) has no text, so [[\(choice)]] has no right answer."))
            }
            var seen: Set<String> = []
            let group = options.filter { $0.group == right.group && !$0.text.isEmpty && seen.insert($0.text.lowercased()).inserted }
            guard group.count >= 2 else {
                return .failure(
                    Skip(message: "[[\(choice)]] has only one choice in its group (\(right.group)), so there is nothing to choose between.")
                )
            }
            if group.count < options.filter({ $0.group == right.group && !$0.text.isEmpty }).count {
                messages.append("Group \(right.group) lists the same words twice; Waymark lists them once.")
            }
            let number = blanks.count + 1
            blanks.append(
                Blank(
                    number: number,
                    marks: 1,
                    answer: .choose(group.map { BlankOption(text: $0.text, isCorrect: $0.text.lowercased() == right.text.lowercased(), weight: nil, feedback: nil) })
                )
            )
            template += "{{\(number)}}"
            rest = after.dropFirst(digits.count + 2)
        }
        template += rest
        guard !blanks.isEmpty else {
            return .failure(Skip(message: "The text has no gaps: Moodle marks each one with [[1]], [[2]], ... and there are none."))
        }
        if boolValue(child(element, "shuffleanswers"), default: true) {
            messages.append("Moodle shuffled the choices in each list; Waymark lists them in the order they were written.")
        }
        let format = field?.attribute("format") ?? "html"
        let nodes: [Markup] = format == "html" || format == "moodle_auto_format" ? HTMLFragment.parse(template) : [.text(template)]
        return .success((.blanks(text: BlanksMarkers.split(converter.inlines(nodes)), blanks: blanks), []))
    }
}
