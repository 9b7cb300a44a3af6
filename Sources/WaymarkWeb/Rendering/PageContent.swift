import Foundation
import Hummingbird
import Mustache

/// A page's own HTML inside the layout: rendered from its template straight into the layout's
/// buffer, so a page is written once, in one buffer.
enum PageContent: HTMLFragment, MustacheCustomRenderable {
    /// The page's template and model (nil: no such template, an empty page as before).
    case page(HTMLTemplate?, TemplateModel)
    /// HTML already rendered (swift-mustache's, when tests compare the two).
    case html(String)

    func write(to writer: inout HTMLWriter) {
        switch self {
        case .page(let template, let model): template?.render(model, into: &writer)
        case .html(let html): writer.raw(html)
        }
    }

    /// What swift-mustache shows for `{{{content}}}`.
    var renderText: String {
        var writer = HTMLWriter(capacity: 4_096)
        write(to: &writer)
        return writer.text
    }

    var isNull: Bool { false }
}

/// Tests only: renders every page a second time with swift-mustache, from the same `.mustache`
/// files, and keeps each page whose bytes differ from Waymark's renderer.
final class RenderCheck: @unchecked Sendable {
    struct Mismatch: CustomStringConvertible {
        var template: String
        var rendered: String
        var reference: String

        var description: String {
            let common = zip(rendered, reference).prefix { $0 == $1 }.count
            return "\(template): differs after \(common) characters:\n  ours:      \(rendered.dropFirst(common).prefix(120))\n"
                + "  mustache:  \(reference.dropFirst(common).prefix(120))"
        }
    }

    private let lock = NSLock()
    private var library: MustacheLibrary?
    private var mismatches: [Mismatch] = []
    private var compared = 0

    init() {}

    func load(_ folder: URL) async throws {
        let library = try await MustacheLibrary(directory: folder.path)
        lock.withLock { self.library = library }
    }

    /// Renders the page as `Pages` did before (the template, then the layout around its text).
    func compare(_ template: String, _ layout: Pages.Layout, rendered: ByteBuffer) {
        guard let library = lock.withLock({ library }), case .page(_, let model) = layout.content else { return }
        let content = library.render(model, withTemplate: template) ?? ""
        var reference = layout
        reference.content = .html(content)
        let html = library.render(reference, withTemplate: "layout") ?? content
        let ours = String(buffer: rendered)
        lock.withLock {
            compared += 1
            // Bytes, not String equality: canonically equal text could still differ on the wire.
            if !ours.utf8.elementsEqual(html.utf8) { mismatches.append(Mismatch(template: template, rendered: ours, reference: html)) }
        }
    }

    /// The differences found since the last call, and how many pages were compared in all.
    func take() -> (mismatches: [Mismatch], compared: Int) {
        lock.withLock {
            defer { mismatches = [] }
            return (mismatches, compared)
        }
    }
}
