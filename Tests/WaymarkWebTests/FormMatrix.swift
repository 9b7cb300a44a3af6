import Foundation
import HummingbirdTesting
import Testing
import WaymarkProgress
import WaymarkStore

@testable import WaymarkWeb

/// One way to send a field wrong, and the words that must come back beside it.
struct WrongField: Sendable {
    /// The field's name in the form.
    var name: String
    /// The id on the page that the summary links to and the message is named after.
    var id: String
    /// What is sent instead of the valid value; nil sends nothing at all.
    var value: String?
    /// The start of the message beside the field.
    var message: String
    /// False for a row of buttons or a hidden field: the message is beside it, but there is no
    /// field to mark `aria-invalid`.
    var tied = true

    init(_ name: String, id: String? = nil, _ value: String?, _ message: String, tied: Bool = true) {
        self.name = name
        self.id = id ?? name
        self.value = value
        self.message = message
        self.tied = tied
    }

    /// The four ways every free-text field is refused: a NUL, a right-to-left override, another
    /// control character (escape), and one character over its limit.
    static func freeText(_ name: String, id: String? = nil, limit: Int, around valid: String) -> [WrongField] {
        func inside(_ hidden: String) -> String { String(valid.prefix(1)) + hidden + String(valid.dropFirst()) }
        return [
            WrongField(name, id: id, inside("\u{0}"), FreeText.hiddenCharacters),
            WrongField(name, id: id, inside("\u{202E}"), FreeText.directionCharacters),
            WrongField(name, id: id, inside("\u{1B}"), FreeText.hiddenCharacters),
            WrongField(
                name,
                id: id,
                String(repeating: "a", count: limit + 1),
                "Keep it to \(FreeText.number(limit)) characters or fewer. You wrote \(FreeText.number(limit + 1))."
            ),
        ]
    }
}

/// A form of the app as the matrix sends it: valid values, and each field wrong in turn.
struct MatrixForm: Sendable {
    var name: String
    /// The route it posts to, as the route table names it, so a form without a row is noticed.
    var route: String
    /// The page the form is on, fetched first for a fresh token.
    var page: String
    var action: String
    var valid: [(String, String)]
    var wrong: [WrongField]
    /// Words that must be on the page that comes back (the reflection under review).
    var alsoShown: [String] = []
    /// Fields never written back into a page (passwords).
    var notShownAgain: Set<String> = ["password", "confirm"]
}

enum FormMatrix {
    /// Everything a form could record: people and their roles, every trainee's events, DBS
    /// records, working notes and reflection drafts.
    static func recorded(_ app: WebTestApp) async throws -> [String] {
        let viewer = app.people[.coordinator]?.id ?? "matrix"
        var lines: [String] = []
        for person in try await app.store.people(withRole: nil) {
            lines.append("\(person.id) \(person.roles.map(\.rawValue).sorted()) \(person.isActive) \(person.passwordHash != nil)")
            for enrolment in try await app.store.enrolments(traineeID: person.id) {
                let events = try await app.store.events(traineeID: person.id, programmeID: enrolment.programmeID)
                lines.append("\(person.id) events \(events.count)")
                let notes = try await app.store.vettingNotes(traineeID: person.id, viewedBy: viewer, at: Date())
                let record = try await app.store.vettingRecord(traineeID: person.id, viewedBy: viewer, at: Date())
                lines.append("\(person.id) vetting \(notes.count) \(record?.certificateNumber ?? "-")")
                if let programme = app.web.curriculum.current.programme(enrolment.programmeID) {
                    for prompt in ReflectionPrompts.all(programme) {
                        let draft = try await app.store.draft(traineeID: person.id, programmeID: programme.id, promptID: prompt.id)
                        if let draft { lines.append("\(person.id) draft \(prompt.id) \(draft.count)") }
                    }
                }
            }
        }
        return lines
    }

    /// Sends the form once per wrong field and checks the page that comes back: 400, the
    /// problem in the summary linked to the field and beside it, the field tied to it, every
    /// other value still there, and nothing recorded.
    static func send(_ form: MatrixForm, _ browser: Browser, _ app: WebTestApp) async throws {
        #expect(!form.wrong.isEmpty, "\(form.name) has no wrong values")
        for wrong in form.wrong {
            let opened = try await browser.get(form.page)
            #expect(opened.status == .ok, "\(form.name): \(form.page) answered \(opened.status)")
            var fields = form.valid.filter { $0.0 != wrong.name }
            if let value = wrong.value { fields.append((wrong.name, value)) }
            let label = "\(form.name), \(wrong.name) \(wrong.value.map { String($0.prefix(24)).debugDescription } ?? "missing")"
            let before = try await recorded(app)
            let page = try await browser.post(form.action, fields)
            #expect(page.status == .badRequest, "\(label): \(page.status)")
            page.showsProblem(on: wrong.id, wrong.message, tied: wrong.tied, label)
            let others = form.valid.filter { $0.0 != wrong.name && !form.notShownAgain.contains($0.0) }
            let sent = page.form(action: form.action) ?? ""
            #expect(others.isEmpty || !sent.isEmpty, "\(label): the form is not on the page")
            for (name, value) in others {
                #expect(Browser.Page.keeps(sent, name, value), "\(label): \(name)=\(value.prefix(40)) was lost")
            }
            for words in form.alsoShown {
                #expect(page.html.contains(Browser.Page.escape(words)), "\(label): \(words.prefix(40)) is not shown")
            }
            #expect(try await recorded(app) == before, "\(label): something was recorded")
        }
    }
}

extension Browser.Page {
    /// The problem is in the summary linked to the field, beside it, and (for a field) tied to it.
    func showsProblem(on field: String, _ words: String, tied: Bool, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let words = Self.escape(words)
        #expect(html.contains("class=\"error-summary\" role=\"alert\" tabindex=\"-1\""), "\(label): no summary", sourceLocation: sourceLocation)
        #expect(html.contains("<h2>There is a problem</h2>"), "\(label): no heading", sourceLocation: sourceLocation)
        #expect(html.contains("href=\"#\(field)\""), "\(label): no link to #\(field)", sourceLocation: sourceLocation)
        #expect(html.contains("<p class=\"field-error\" id=\"\(field)-error\">\(words)"), "\(label): no message beside \(field)", sourceLocation: sourceLocation)
        #expect(html.contains("id=\"\(field)\""), "\(label): nothing on the page has the id \(field)", sourceLocation: sourceLocation)
        if tied {
            let pattern = #"id="\#(NSRegularExpression.escapedPattern(for: field))"[^>]*aria-invalid="true" aria-describedby="\#(NSRegularExpression.escapedPattern(for: field))-error[ "]"#
            #expect(
                html.range(of: pattern, options: .regularExpression) != nil,
                "\(label): \(field) is not tied to its message",
                sourceLocation: sourceLocation
            )
        }
    }

    /// The HTML of the form that posts to `action` (with or without a `#fragment`).
    func form(action: String) -> String? {
        for ending in ["\"", "#"] {
            guard let found = html.range(of: "action=\"\(action)\(ending)") else { continue }
            guard let start = html[..<found.lowerBound].range(of: "<form", options: .backwards),
                let end = html[found.upperBound...].range(of: "</form>")
            else { return nil }
            return String(html[start.lowerBound..<end.upperBound])
        }
        return nil
    }

    /// Whether the form still shows this value: typed into an input or textarea, chosen as a
    /// radio, checkbox or option, or the value of a button or hidden field.
    static func keeps(_ form: String, _ name: String, _ value: String) -> Bool {
        let name = NSRegularExpression.escapedPattern(for: name)
        let value = NSRegularExpression.escapedPattern(for: escape(value))
        let patterns = [
            #"<input(?=[^>]*type="(?:radio|checkbox)")(?=[^>]*name="\#(name)")[^>]*value="\#(value)"[^>]*\schecked"#,
            #"<input(?![^>]*type="(?:radio|checkbox)")(?=[^>]*name="\#(name)")[^>]*value="\#(value)""#,
            #"<textarea[^>]*name="\#(name)"[^>]*>\#(value)</textarea>"#,
            #"<select[^>]*name="\#(name)"[^>]*>(?:(?!</select>)[\s\S])*<option value="\#(value)" selected"#,
            #"<button[^>]*name="\#(name)"[^>]*value="\#(value)""#,
        ]
        return patterns.contains { form.range(of: $0, options: .regularExpression) != nil }
    }

    /// Text as the templates write it.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
