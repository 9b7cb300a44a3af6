import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Templates read page models through each model's `readField` switch, and a name the switch
/// lacks renders as nothing. These read every template's tags and resolve each name on the model
/// that renders it, as the renderer does: up the open sections, and inside a section on the
/// element type of what it opened.
@Suite struct TemplateFieldTests {
    /// The page models `Web` declares, as the tests' app builds them.
    typealias WebPages = Web<AnyWaymarkStore>

    /// The model each template is rendered with. Every page a web test renders is checked against
    /// this (see `RenderCheck`), so it stays true as routes change.
    static var pageModels: [String: [any TemplateFields.Type]] {
        [
            "application": [ApplicationModel.self], "applications": [ApplicationsModel.self], "applied": [AppliedModel.self],
            "apply": [ApplyModel.self], "assessment": [AssessmentModel.self], "audit": [AuditLogModel.self],
            "certificate": [CertificateModel.self], "cohort": [CohortModel.self], "cpd": [CPDModel.self],
            "curriculum": [CurriculumModel.self], "dashboard": [DashboardModel.self], "deactivate": [DeactivationModel.self],
            "erase": [ErasureModel.self], "error": [ErrorMiddleware.ErrorModel.self], "forgotten": [WebPages.ForgottenModel.self],
            "forgotten-sent": [WebPages.ForgottenSentModel.self], "home": [WebPages.HomeModel.self], "invite": [WebPages.InviteModel.self],
            "login": [WebPages.LoginModel.self], "mentee": [MenteeModel.self], "mentors": [MentorsModel.self],
            "message": [WebPages.MessageModel.self], "outbox": [OutboxModel.self], "people": [PeopleModel.self],
            "person": [PersonModel.self], "persondata": [PersonalDataModel.self], "practice": [PracticeModel.self],
            "preview": [PreviewIndexModel.self], "preview-problems": [PreviewProblemsModel.self],
            "printable": [CertificatePageModel.self], "reflection": [ReflectionModel.self], "reflections": [ReflectionListModel.self],
            "refused": [RefusalModel.self], "resend": [WebPages.ResendModel.self], "result": [ResultModel.self],
            "review": [ReviewModel.self], "reviews": [ReviewListModel.self], "setup": [WebPages.SetupModel.self],
            "trainee": [TraineeRecordModel.self], "unit": [UnitModel.self], "verified": [CertificatePageModel.self],
            "verify": [WebPages.VerifyModel.self], "vetting": [VettingModel.self],
        ]
    }

    static var templatesFolder: URL {
        repositoryRoot.appendingPathComponent("Sources/WaymarkWeb/Templates")
    }

    static func templateNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: templatesFolder.path).filter { $0.hasSuffix(".mustache") }
            .map { String($0.dropLast(".mustache".count)) }.sorted()
    }

    /// The frames a template starts with: the layout reads `Pages.Layout`; a page reads its model
    /// inside `TemplateModel`, which adds `csrf`.
    static func startingFrames(_ template: String) -> [[any TemplateFields.Type]] {
        if template == "layout" { return [[Pages.Layout.self]] }
        return (pageModels[template] ?? []).map { [TemplateModel.self, $0] }
    }

    @Test func everyTemplateSaysWhichModelRendersIt() throws {
        let templates = try Self.templateNames()
        #expect(templates.count > 40)
        #expect(templates.filter { $0 != "layout" && Self.pageModels[$0] == nil } == [])
        #expect(Self.pageModels.keys.filter { !templates.contains($0) }.sorted() == [])
    }

    @Test func everyNameATemplateReadsIsOnTheModelThatRendersIt() throws {
        var problems: [String] = []
        for template in try Self.templateNames() {
            let text = try String(contentsOf: Self.templatesFolder.appendingPathComponent("\(template).mustache"), encoding: .utf8)
            for frame in Self.startingFrames(template) {
                problems += TemplateFieldCheck.problems(in: text, named: "\(template).mustache", frames: [frame])
            }
        }
        #expect(problems == [], "\(problems.joined(separator: "\n"))")
    }

    /// The check itself can fail: a name the model lacks, a misspelt one, one read outside the
    /// section that has it, or a dotted name into a list; names a section over text or a flag
    /// leaves to the frames outside still resolve there.
    @Test func aNameTheModelLacksIsReportedWithItsLine() {
        let text = """
            <h1>{{heading}}</h1>
            {{#rows}}<p>{{name}} {{nmae}}</p>{{#warnings}}{{.}} {{stage}}{{/warnings}}{{/rows}}
            {{stage}} {{rows.name}}
            {{#empty(programmes)}}{{label}}{{/empty(programmes)}} {{csrf}} {{count(rows)}}
            {{#programmes}}{{label}}{{/programmes}}{{^rows}}{{total}}{{/rows}}
            """
        let problems = TemplateFieldCheck.problems(in: text, named: "probe.mustache", frames: [[TemplateModel.self, CohortModel.self]])
        #expect(
            problems == [
                #"probe.mustache:1: field "heading" is not on CohortModel"#,
                #"probe.mustache:2: field "nmae" is not on CohortModel.Row"#,
                #"probe.mustache:3: field "stage" is not on CohortModel"#,
                #"probe.mustache:3: field "name" is not on Array<CohortModel.Row>"#,
                #"probe.mustache:4: field "label" is not on CohortModel"#,
            ])
    }

    /// A name kept in `TemplateName` that no model reads any more is dead weight in every switch.
    @Test func everyTemplateNameIsReadBySomeModel() {
        var models: [any TemplateFields.Type] = [TemplateModel.self, Pages.Layout.self] + Self.pageModels.values.flatMap { $0 }
        var index = 0
        while index < models.count {
            for name in TemplateName.allCases {
                guard let type = models[index].fieldType(name), let model = TemplateFieldCheck.model(openedBy: type) else { continue }
                if !models.contains(where: { $0 == model }) { models.append(model) }
            }
            index += 1
        }
        let unread = TemplateName.allCases.filter { name in !models.contains { $0.fieldType(name) != nil } }
        #expect(unread == [])
    }
}

extension TemplateFields {
    /// The type of the field called `name`, read from the model's own switch; nil if it has none.
    static func fieldType(_ name: TemplateName) -> Any.Type? {
        var reader = FieldTypeReader<Self>()
        readField(name, with: &reader)
        return reader.type
    }
}

private struct FieldTypeReader<Model>: TemplateFieldReader {
    var type: Any.Type?

    mutating func read<Value: TemplateValueConvertible>(_ field: (UnsafePointer<Model>) -> Value) {
        type = Value.self
    }
}

/// Lists and optionals: a section over one shows what is inside.
private protocol TemplateContainer {
    static var elementType: Any.Type { get }
}

extension Array: TemplateContainer {
    fileprivate static var elementType: Any.Type { Element.self }
}

extension Optional: TemplateContainer {
    fileprivate static var elementType: Any.Type { Wrapped.self }
}

/// Resolves a template's names statically, as `HTMLTemplate` resolves them while rendering.
enum TemplateFieldCheck {
    /// A frame whose fields names are looked up in; text, numbers and flags have none.
    typealias Frame = [any TemplateFields.Type]

    /// The model a section over a value of this type makes the innermost one, if any.
    static func model(openedBy type: Any.Type) -> (any TemplateFields.Type)? {
        if let model = type as? any TemplateFields.Type { return model }
        if let container = type as? any TemplateContainer.Type { return model(openedBy: container.elementType) }
        return nil
    }

    static func typeName(_ type: Any.Type) -> String {
        String(reflecting: type).replacingOccurrences(of: "WaymarkWeb.", with: "").replacingOccurrences(of: "Swift.", with: "")
    }

    static func problems(in text: String, named template: String, frames start: [Frame]) -> [String] {
        var frames = start
        var problems: [String] = []
        let tag = #/\{\{(\{)?\s*([#^\/&!]?)\s*([^}]*?)\s*\}\}\}?/#
        for match in text.matches(of: tag) {
            let line = text[..<match.range.lowerBound].count { $0 == "\n" } + 1
            let kind = match.output.2
            guard kind != "!" else { continue }
            if kind == "/" {
                // The renderer's parser refuses a closing tag with no section open.
                if frames.count > start.count { frames.removeLast() }
                continue
            }
            var name = String(match.output.3)
            let transformed = name.contains("(")
            if transformed { name = String(name.split(separator: "(").last?.prefix { $0 != ")" } ?? "") }
            let resolved = resolve(name, in: frames)
            if case .failure(let problem) = resolved { problems.append("\(template):\(line): \(problem.message)") }
            guard kind == "#" || kind == "^" else { continue }
            // Only a section over a model (or a list or optional of one) changes where names are found.
            var opened: Frame = []
            if kind == "#", !transformed, case .success(let type?) = resolved, let model = model(openedBy: type) { opened = [model] }
            frames.append(opened)
        }
        return problems
    }

    struct Problem: Error {
        var message: String
    }

    /// The type `name` holds (nil for `.`), or why it is not there.
    static func resolve(_ name: String, in frames: [Frame]) -> Result<Any.Type?, Problem> {
        guard name != "." else { return .success(nil) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return .failure(Problem(message: "a tag names nothing")) }
        let searched = name.hasPrefix(".") ? Array(frames.suffix(1)) : frames
        let key = TemplateName(rawValue: first)
        let found = searched.reversed().lazy.flatMap { $0.reversed() }.compactMap { model in key.flatMap(model.fieldType) }.first
        guard var type = found else {
            let innermost = searched.last { !$0.isEmpty }?.last.map(typeName) ?? "the page"
            return .failure(Problem(message: "field \"\(first)\" is not on \(innermost)"))
        }
        for part in parts.dropFirst() {
            // A dotted name reads fields of a model or of a present optional, never of a list.
            var model = type
            if !(type is any Collection.Type), let container = type as? any TemplateContainer.Type { model = container.elementType }
            guard let fields = model as? any TemplateFields.Type, let next = TemplateName(rawValue: part).flatMap(fields.fieldType) else {
                return .failure(Problem(message: "field \"\(part)\" is not on \(typeName(model))"))
            }
            type = next
        }
        return .success(type)
    }
}
