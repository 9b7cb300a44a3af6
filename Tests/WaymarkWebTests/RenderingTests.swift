import Foundation
import Hummingbird
import Mustache
import Testing

@testable import WaymarkWeb

/// A page model made of a dictionary, nested dictionaries and lists becoming models too; it reads
/// any name, so it has no switch of names.
struct Fields: TemplateFields, MustacheParent {
    let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values.mapValues(Self.wrap)
    }

    static func wrap(_ value: Any) -> Any {
        switch value {
        case let values as [String: Any]: Fields(values)
        case let list as [[String: Any]]: list.map(Fields.init)
        default: value
        }
    }

    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {}

    static func field(_ key: TemplateKey, of model: UnsafePointer<Fields>) -> TemplateValue {
        TemplateValue(any: model.pointee.values[key.string])
    }

    func child(named name: String) -> Any? {
        field(TemplateKey(name)).anyValue
    }
}

/// Waymark renders pages with its own compiled templates; swift-mustache, reading the same files,
/// is the reference. Every page any web test renders is compared too (see `Browser`).
@Suite struct RenderingTests {
    /// Templates that exercise the whitespace and lookup rules pages depend on.
    static let templates = [
        "a\n{{#items}}\n  <li>{{name}}</li>\n{{/items}}\nb\n",
        "  {{! a comment alone on its line }}\nx {{! inline }} y\n",
        "{{^empty(items)}}<ul>{{/empty(items)}}{{#items}}<li>{{.}}</li>{{/items}}{{^empty(items)}}</ul>{{/empty(items)}}\n",
        "  {{#flag}}  \n    yes\n  {{/flag}}  \n  {{^flag}}\nno\n  {{/flag}}\nend",
        "{{#person}}{{name}} {{title}}{{/person}} {{title}} {{{html}}} {{&html}} {{missing}}|{{#missing}}x{{/missing}}|{{^missing}}y{{/missing}}",
        "{{#count}}About {{.}} minutes{{/count}}{{#empty}}[{{.}}]{{/empty}}\r\n{{#nested.inner}}{{.}}{{/nested.inner}}{{nested.inner}}",
        "{{count(items)}} {{empty(title)}} {{empty(flag)}} {{count}} {{flag}} {{^empty(missing)}}none{{/empty(missing)}}",
        "   {{#items}}\n{{name}}{{/items}}   \n{{#flag}}{{/flag}}\n\t{{^flag}}\t\nz\n{{/flag}}",
    ]

    static var model: [String: Any] {
        [
            "items": [["name": "A & B"], ["name": "<i>"]],
            "flag": true,
            "person": ["name": "Eve \"quoted\" 'single'"],
            "title": "Outer > inner",
            "html": "<b>bold</b>",
            "count": 12,
            "empty": "",
            "nested": ["inner": "deep"],
        ]
    }

    @Test(arguments: templates) func aTemplateRendersTheSameBytesAsSwiftMustache(_ text: String) throws {
        for model in [Self.model, ["items": [String](), "flag": false] as [String: Any], ["items": ["x", "y"]] as [String: Any]] {
            let model = Fields(model)
            var writer = HTMLWriter(capacity: 256)
            try HTMLTemplate(text).render(model, into: &writer)
            let reference = try MustacheTemplate(string: text).render(model)
            #expect(Array(String(buffer: writer.buffer).utf8) == Array(reference.utf8), "\(text.debugDescription)")
        }
    }

    @Test func tagsTheRendererDoesNotKnowAreRefusedWhenTemplatesLoad() {
        for text in ["{{> partial}}", "{{=<% %>=}}", "{{#open}}never closed", "{{#a}}{{/b}}", "{{unclosed", "{{uppercased(name)}}"] {
            #expect(throws: HTMLTemplate.ParseError.self, "\(text)") { try HTMLTemplate(text) }
        }
    }

    /// Escaping works on bytes, so a quote stays escaped even when a combining mark follows it
    /// (grapheme-by-grapheme escaping would let `"` plus U+0301 through into an attribute).
    @Test func aQuoteFollowedByACombiningMarkIsStillEscaped() throws {
        var writer = HTMLWriter(capacity: 64)
        try HTMLTemplate("<a title=\"{{name}}\">").render(Fields(["name": "x\"\u{301} onmouseover=alert(1)"]), into: &writer)
        #expect(String(buffer: writer.buffer) == "<a title=\"x&quot;\u{301} onmouseover=alert(1)\">")
        #expect(CurriculumHTML.escape("a\"\u{301}<'&>") == "a&quot;\u{301}&lt;&#39;&amp;&gt;")
        #expect(CurriculumHTML.escape("plain text, café") == "plain text, café")
    }

    /// Escaping copies runs between the five characters in bulk; it must still catch each one
    /// wherever it falls: first, last, doubled, next to multi-byte characters, or nowhere.
    @Test func hostileTextIsEscapedWhereverTheCharactersFall() throws {
        func reference(_ text: String) -> String {
            let entities: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
            return text.unicodeScalars.map { entities[Character($0)] ?? String($0) }.joined()
        }
        let texts = [
            "", "plain", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'", "&", "&&", "a&amp;b", "<<>>",
            "O'Neil & Sons", "é<é>é", "\u{1F600}\"\u{1F600}", String(repeating: "long text without any ", count: 20) + "<",
        ]
        for text in texts {
            var writer = HTMLWriter(capacity: 16)
            try HTMLTemplate("{{text}}|{{{text}}}").render(Fields(["text": text]), into: &writer)
            #expect(String(buffer: writer.buffer) == reference(text) + "|" + text, "\(text.debugDescription)")
            #expect(CurriculumHTML.escape(text) == reference(text))
        }
    }

    @Test func everyPageAJourneyShowsIsComparedWithSwiftMustache() async throws {
        let app = try await WebTestApp()
        try await app.addPeople(traineeName: "Ann \"A\" O'Neil <b>")
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            for path in ["/", "/login", "/verify", "/no-such-page"] { try await browser.get(path) }
            try await browser.signIn("trainee@example.org")
            for path in ["/dashboard", "/modules/role", "/modules/role/check", "/reflections", "/practice", "/certificate", "/cohort"] {
                try await browser.get(path)
            }
            try await browser.post("/logout")
            try await browser.signIn("coordinator@example.org")
            for path in ["/cohort", "/trainees/\(traineeID)", "/reviews", "/curriculum"] { try await browser.get(path) }
        }
        // Each page's differences are recorded as it is fetched (see `Browser`); what is left to
        // check here is that the pages were compared at all.
        #expect(app.renderCheck.take().compared >= 17)
    }

    /// The comparison reads page models through Mirror, not through their switches, so it sees a
    /// switch that forgets a stored field or reads the wrong one, and a page rendered with a model
    /// the template-fields test does not check the template against.
    @Test func theComparisonCatchesASwitchThatForgetsOrMisreadsAField() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = "<p>{{title}} by {{name}}</p>\n", layout = "<main>{{{content}}}</main>{{csrf}}\n"
        try page.write(to: folder.appendingPathComponent("probe.mustache"), atomically: true, encoding: .utf8)
        try layout.write(to: folder.appendingPathComponent("layout.mustache"), atomically: true, encoding: .utf8)
        let check = RenderCheck(pageModels: ["probe": [FaithfulModel.self, ForgetfulModel.self, MisreadingModel.self]])
        try await check.load(folder)
        let (pageTemplate, layoutTemplate) = (try HTMLTemplate(page), try HTMLTemplate(layout))
        func mismatches(_ model: Any) -> [String] {
            let content = PageContent.page(pageTemplate, TemplateModel(base: model, csrf: "token"))
            let layout = Pages.Layout(title: "Probe", content: content, person: nil, nav: [], csrf: "token", notice: nil)
            var writer = HTMLWriter(capacity: 256)
            layoutTemplate.render(layout, into: &writer)
            check.compare("probe", layout, rendered: writer.buffer)
            return check.take().mismatches.map(\.description)
        }
        #expect(mismatches(FaithfulModel(title: "Notes", name: "Ann")) == [])
        #expect(mismatches(ForgetfulModel(title: "Notes", name: "Ann")).count == 1)
        #expect(mismatches(MisreadingModel(title: "Notes", name: "Ann")).count == 1)
        let unlisted = mismatches(Pages.LayoutPerson(name: "Ann"))
        #expect(unlisted.count == 1)
        #expect(unlisted.first?.contains("LayoutPerson") == true)
    }

    /// The unit's reading is rendered once per loaded curriculum, and a reload starts afresh.
    @Test func unitHTMLIsKeptUntilTheCurriculumIsReplaced() async throws {
        let app = try await WebTestApp()
        let (curriculum, derived) = app.web.curriculum.snapshot
        let programme = try #require(curriculum.programme("peer-mentoring"))
        let module = try #require(programme.modules.first)
        let unit = try #require(programme.unit(for: module))
        let first = derived.unit(unit, programmeID: programme.id)
        #expect(first.sections.contains("<section"))
        #expect(derived.unit(unit, programmeID: programme.id).sections == first.sections)
        app.web.curriculum.replace(with: curriculum, at: Date())
        #expect(app.web.curriculum.snapshot.derived !== derived)
    }
}

/// A page model whose switch reads what it has.
private struct FaithfulModel: TemplateFields {
    var title: String
    var name: String

    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .name: reader.read { $0.pointee.name }
        default: break
        }
    }
}

/// A page model whose switch forgets `title`, as a hand-written switch might.
private struct ForgetfulModel: TemplateFields {
    var title: String
    var name: String

    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        if name == .name { reader.read { $0.pointee.name } }
    }
}

/// A page model whose switch reads `name` for `title`.
private struct MisreadingModel: TemplateFields {
    var title: String
    var name: String

    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title, .name: reader.read { $0.pointee.name }
        default: break
        }
    }
}
