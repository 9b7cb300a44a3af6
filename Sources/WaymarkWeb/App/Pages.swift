import Foundation
import Hummingbird
import Logging
import Mustache
import WaymarkStore

/// The page templates, loaded once at start-up, and the layout every page shares.
public struct Pages: Sendable {
    private let library: MustacheLibrary

    /// Loads every template shipped in the module's resources.
    public static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError.internalProblem("The page templates are missing from the build.")
        }
        return Pages(library: try await MustacheLibrary(directory: folder.path))
    }

    init(library: MustacheLibrary) {
        self.library = library
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
        let content = library.render(TemplateModel(base: model, csrf: csrf), withTemplate: template) ?? ""
        let layout = Layout(
            title: title,
            content: content,
            person: context.person.map { LayoutPerson(name: $0.name) },
            nav: Navigation.links(for: context.person),
            csrf: csrf,
            notice: notice
        )
        let html = library.render(layout, withTemplate: "layout") ?? content
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// The model every page is wrapped in.
    struct Layout {
        var title: String
        /// HTML this app rendered from an escaped template: inserted unescaped by the layout.
        var content: String
        var person: LayoutPerson?
        var nav: [Navigation.Link]
        var csrf: String
        var notice: String?
    }

    struct LayoutPerson {
        var name: String
    }
}

/// The links at the top of every page, by role.
enum Navigation {
    struct Link {
        var href: String
        var label: String
    }

    static func links(for person: Person?) -> [Link] {
        guard let person else { return [Link(href: "/verify", label: "Check a certificate")] }
        var links: [Link] = []
        if person.roles.contains(.trainee) {
            links += [
                Link(href: "/dashboard", label: "My next step"), Link(href: "/reflections", label: "Reflections"),
                Link(href: "/practice", label: "Practice log"), Link(href: "/certificate", label: "My certificate"),
            ]
        }
        if person.roles.contains(.coordinator) {
            links += [
                Link(href: "/cohort", label: "Cohort"), Link(href: "/reviews", label: "Reflections to read"),
                Link(href: "/curriculum", label: "Curriculum"),
            ]
        }
        if person.roles.contains(.supervisor) { links.append(Link(href: "/mentors", label: "My mentors")) }
        if person.roles.contains(.admin) { links.append(Link(href: "/people", label: "People")) }
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
