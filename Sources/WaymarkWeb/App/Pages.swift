import Foundation
import Hummingbird
import Logging
import WaymarkStore

/// The page templates, compiled once at start-up, and the layout every page shares.
public struct Pages: Sendable {
    private let templates: [String: HTMLTemplate]
    private let layout: HTMLTemplate
    /// Tests only: swift-mustache renders each page too, and any difference is kept.
    private let check: RenderCheck?
    /// Pages for `waymark preview`: each is marked as a preview, and the only link at the top
    /// leads back to the preview's index (there is no one to sign in).
    private(set) var isPreview = false

    /// Loads every template shipped in the module's resources.
    public static func load() async throws -> Pages {
        try await load(check: nil)
    }

    static func load(check: RenderCheck?) async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError.internalProblem("The page templates are missing from the build.")
        }
        var templates: [String: HTMLTemplate] = [:]
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) where file.pathExtension == "mustache" {
            do {
                templates[file.deletingPathExtension().lastPathComponent] = try HTMLTemplate(String(contentsOf: file, encoding: .utf8))
            } catch {
                throw WebError.internalProblem("\(file.lastPathComponent): \(error)")
            }
        }
        guard let layout = templates["layout"] else { throw WebError.internalProblem("The layout template is missing from the build.") }
        if let check { try await check.load(folder) }
        return Pages(templates: templates, layout: layout, check: check)
    }

    /// The same pages, marked as a preview on every one.
    func forPreview() -> Pages {
        var pages = self
        pages.isPreview = true
        return pages
    }

    /// A full HTML page: the named template inside the layout, with navigation for the person.
    func render(
        _ template: String,
        _ model: Any,
        title: String,
        context: WebContext,
        status: HTTPResponse.Status = .ok,
        notice: String? = nil
    ) -> Response {
        // Signed-in forms carry a fresh nonce too, so a form sent twice is acted on once.
        let csrf = context.session.map { FormSubmissions.formToken(session: $0.csrfToken) } ?? context.anonymousToken ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: html(template, model, title: title, person: context.person, csrf: csrf, notice: notice))
        )
    }

    /// A full page's bytes, apart from the request (which `SamplePages` does not have).
    func html(_ template: String, _ model: Any, title: String, person: Person?, csrf: String, notice: String?) -> ByteBuffer {
        let content = PageContent.page(templates[template], TemplateModel(base: model, csrf: csrf))
        let layout = Layout(
            title: isPreview ? "Preview: \(title)" : title,
            content: content,
            person: person.map { LayoutPerson(name: $0.name) },
            nav: isPreview ? Navigation.preview : Navigation.links(for: person),
            csrf: csrf,
            notice: notice,
            preview: isPreview
        )
        var writer = HTMLWriter(capacity: 16_384)
        self.layout.render(layout, into: &writer)
        let buffer = writer.buffer
        check?.compare(template, layout, rendered: buffer)
        return buffer
    }

    /// The model every page is wrapped in.
    struct Layout {
        var title: String
        /// HTML this app rendered from an escaped template: inserted unescaped by the layout.
        var content: PageContent
        var person: LayoutPerson?
        var nav: [Navigation.Link]
        var csrf: String
        var notice: String?
        /// Shows the preview banner (and no sign-in link).
        var preview = false
    }

    struct LayoutPerson {
        var name: String
    }
}

/// The links at the top of every page, by role.
enum Navigation {
    struct Link: Sendable {
        var href: String
        var label: String
    }

    /// The preview's only link: back to every programme and module.
    static let preview = [Link(href: "/", label: "All programmes")]

    static func links(for person: Person?) -> [Link] {
        guard let person else { return [Link(href: "/verify", label: "Check a certificate")] }
        // Every page needs these; built once for each of the 16 combinations of roles.
        let roles = person.roles
        let index =
            (roles.contains(.trainee) ? 1 : 0) | (roles.contains(.coordinator) ? 2 : 0) | (roles.contains(.supervisor) ? 4 : 0)
            | (roles.contains(.admin) ? 8 : 0)
        return byRoles[index]
    }

    private static let byRoles: [[Link]] = (0..<16).map { index in
        var links: [Link] = []
        if index & 1 != 0 {
            links += [
                Link(href: "/dashboard", label: "My next step"), Link(href: "/reflections", label: "Reflections"),
                Link(href: "/practice", label: "Practice log"), Link(href: "/certificate", label: "My certificate"),
            ]
        }
        if index & 2 != 0 {
            links += [
                Link(href: "/cohort", label: "Cohort"), Link(href: "/reviews", label: "Reflections to read"),
                Link(href: "/curriculum", label: "Curriculum"),
            ]
        }
        if index & 4 != 0 { links.append(Link(href: "/mentors", label: "My mentors")) }
        if index & 8 != 0 {
            links += [
                Link(href: "/people", label: "People"), Link(href: "/applications", label: "Applications"),
                Link(href: "/audit", label: "Audit log"), Link(href: "/outbox", label: "Email"),
            ]
        }
        return links
    }

    /// Where a person lands after signing in.
    static func home(for person: Person) -> String {
        if person.roles.contains(.trainee) { return "/dashboard" }
        if person.roles.contains(.coordinator) { return "/cohort" }
        if person.roles.contains(.supervisor) { return "/mentors" }
        if person.roles.contains(.admin) { return "/people" }
        return "/"
    }
}
