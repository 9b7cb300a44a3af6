/// The text formats a Moodle text field can be written in (its `format` attribute), and how each
/// becomes markup for the safe subset. Moodle shows each differently, so each is read as Moodle
/// shows it, and the report says which were not HTML.
enum MoodleTextFormat {
    /// The field's text as markup, with a warning on `converter` saying what was done when the
    /// format is not HTML.
    static func markup(_ text: String, format: String, converter: inout RichTextConverter) -> [Markup] {
        // An empty field (Moodle writes every feedback, used or not) has nothing to report.
        guard text.contains(where: { !$0.isWhitespace }) else { return [] }
        switch format {
        case "html":
            return HTMLFragment.parse(text)
        case "moodle_auto_format":
            // Moodle shows HTML in it as HTML and turns line breaks into <br>; both come out of
            // the HTML path as they would from an HTML field, so nothing needs saying.
            return HTMLFragment.parse(text)
        case "markdown":
            let read = MarkdownText.read(text)
            converter.note("Text written in Markdown was converted to Waymark's text (bold, italics, links and pictures kept).")
            for note in read.notes { converter.note(note) }
            return read.markup
        case "plain_text":
            converter.note(
                "Text written as plain text is shown exactly as typed"
                    + (text.contains(where: \.isNewline) ? "; its line breaks became spaces, as a Waymark prompt, choice or feedback is one paragraph." : ".")
            )
            return [.text(text)]
        default:
            converter.note("Moodle's \"\(format)\" text format is not one Waymark reads, so the text is shown exactly as typed.")
            return [.text(text)]
        }
    }
}
