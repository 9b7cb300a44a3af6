import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Moodle's ordering question becomes a Waymark ordering question. Its items are written in the
/// right order (newer exports also number them in `fraction`), and Waymark marks each item in its
/// right place, as Moodle's "absolute position" grading does.
extension MoodleReader {
    func ordering(_ element: ParsedElement, converter: inout RichTextConverter, messages: inout [String]) -> Result<(QuestionKind, [Feedback]), Skip> {
        let answers = children(element, "answer")
        var numbered = answers.enumerated().map { (position: $0.offset, fraction: Double($0.element.attribute("fraction") ?? ""), answer: $0.element) }
        let fractions = numbered.compactMap(\.fraction)
        if fractions.count == numbered.count, Set(fractions).count == fractions.count {
            numbered.sort { ($0.fraction ?? 0, $0.position) < ($1.fraction ?? 0, $1.position) }
        }
        var ids = UniqueIDs()
        var items: [OrderItem] = []
        for entry in numbered {
            let text = richText(entry.answer, converter: &converter)
            guard !text.isEmpty else { continue }
            items.append(OrderItem(id: ids.claim(Slug.make(text.plainText, fallback: "item")), text: text))
        }
        guard items.count >= 2 else {
            return .failure(Skip(message: "An ordering question needs at least two items to put in order; this one has \(items.count)."))
        }
        let grading = (child(element, "gradingtype")?.text ?? "ABSOLUTE_POSITION").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if grading != "ABSOLUTE_POSITION" && grading != "0" {
            messages.append(
                "Moodle marked this question by \(grading); Waymark gives a share for each item in its right place (Moodle's ABSOLUTE_POSITION), so scores may differ."
            )
        }
        let select = (child(element, "selecttype")?.text ?? "ALL").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if select != "ALL" && select != "0" {
            messages.append("Moodle showed only some of the items each time (\(select)); Waymark shows them all.")
        }
        return .success((.ordering(items), []))
    }
}
