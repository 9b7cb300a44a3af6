import Foundation
import WaymarkProgress

/// The one rule for words people type into a form, so every field is clean on the way in: no
/// hidden control characters (a NUL cut stored text short), no characters that turn text
/// around on the screen (U+202E can make a name read backwards), and a length stated beside the
/// field and kept by the server (`maxlength` is only a help: anyone can send more).
struct FreeText: Sendable {
    /// The most characters kept, counted as a person counts them (an emoji is one).
    let limit: Int
    /// Whether the field is a textarea: only there are tabs and new lines part of the text.
    let multiLine: Bool

    static let name = FreeText(limit: 100, multiLine: false)
    static let email = FreeText(limit: 254, multiLine: false)
    static let shortText = FreeText(limit: 300, multiLine: false)
    /// A reason or a note typed on one line: allowing a try, suspending a certificate, a working note.
    static let reason = FreeText(limit: 2_000, multiLine: false)
    /// Rationale, feedback and notes written in a textarea.
    static let longText = FreeText(limit: 2_000, multiLine: true)
    /// A reflection, on its own page or inside a check: the limit the engine keeps.
    static let reflection = FreeText(limit: Progression.reflectionCharacterLimit, multiLine: true)

    /// What was typed, checked: the text to keep (spaces trimmed, line ends as LF), or the
    /// problem to show beside the field. Empty text is not a problem here: each form says in
    /// its own words what it needs.
    enum Checked: Equatable {
        case text(String)
        case problem(String)
    }

    static let hiddenCharacters = "Take out the hidden characters (for example, ones pasted in from another program)."
    static let directionCharacters =
        "Take out the hidden characters that change the direction of the text (for example, ones pasted in from another program)."

    /// "Up to 2,000 characters.", for the hint beside the field.
    var hint: String { "Up to \(Self.number(limit)) characters." }

    func check(_ typed: String?) -> Checked {
        // Windows and old Macs end lines with CR; a textarea sends CR LF. Keep one kind of line end.
        let normalised = (typed ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let text = normalised.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: Self.turnsTextAround) { return .problem(Self.directionCharacters) }
        if text.unicodeScalars.contains(where: { Self.isHidden($0, multiLine: multiLine) }) { return .problem(Self.hiddenCharacters) }
        if text.count > limit {
            return .problem("Keep it to \(Self.number(limit)) characters or fewer. You wrote \(Self.number(text.count)).")
        }
        return .text(text)
    }

    /// The same check for a field that must be filled in: empty text is the problem `whenEmpty`,
    /// in the form's own words.
    func check(_ typed: String?, required whenEmpty: String) -> Checked {
        let checked = check(typed)
        return checked == .text("") ? .problem(whenEmpty) : checked
    }

    /// The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    static func turnsTextAround(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// Control characters (NUL, escape, C1 controls...); a tab or a new line only on one line.
    static func isHidden(_ scalar: Unicode.Scalar, multiLine: Bool) -> Bool {
        if multiLine, scalar == "\t" || scalar == "\n" { return false }
        return scalar.properties.generalCategory == .control
    }

    static func number(_ value: Int) -> String {
        value.formatted(.number.locale(Locale(identifier: "en_GB")))
    }
}
