import Foundation
import Hummingbird
import Mustache

/// Tests only: renders every page a second time with swift-mustache, from the same `.mustache`
/// files, and keeps each page whose bytes differ from Waymark's renderer. swift-mustache reads the
/// models through Mirror (`MirroredModel`), not through their `readField` switches, so a switch
/// that misses or misreads a stored field shows up as a difference too.
final class RenderCheck: @unchecked Sendable {
    struct Mismatch: CustomStringConvertible {
        var description: String

        init(template: String, rendered: String, reference: String) {
            let common = zip(rendered, reference).prefix { $0 == $1 }.count
            description = "\(template): differs after \(common) characters:\n  ours:      \(rendered.dropFirst(common).prefix(120))\n"
                + "  mustache:  \(reference.dropFirst(common).prefix(120))"
        }

        init(template: String, model: Any.Type) {
            description = "\(template) was rendered with \(String(reflecting: model)), which the template-fields test does not check it against"
        }
    }

    private let lock = NSLock()
    private var library: MustacheLibrary?
    private var mismatches: [Mismatch] = []
    private var compared = 0
    /// The models each template may be rendered with (empty: not checked), so the table the
    /// template-fields test reads is kept true by every page the tests render.
    private let pageModels: [String: [any TemplateFields.Type]]

    init(pageModels: [String: [any TemplateFields.Type]] = [:]) {
        self.pageModels = pageModels
    }

    func load(_ folder: URL) async throws {
        let library = try await MustacheLibrary(directory: folder.path)
        lock.withLock { self.library = library }
    }

    /// Renders the page as `Pages` did before (the template, then the layout around its text).
    func compare(_ template: String, _ layout: Pages.Layout, rendered: ByteBuffer) {
        guard let library = lock.withLock({ library }), case .page(_, let model) = layout.content else { return }
        let content = library.render(MirroredModel(model), withTemplate: template) ?? ""
        var reference = layout
        reference.content = .html(content)
        let html = library.render(MirroredModel(reference), withTemplate: "layout") ?? content
        let ours = String(buffer: rendered)
        let modelType = type(of: model.base)
        let expected = pageModels.isEmpty || pageModels[template, default: []].contains { $0 == modelType }
        lock.withLock {
            compared += 1
            if !expected { mismatches.append(Mismatch(template: template, model: modelType)) }
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

/// A page model as swift-mustache reads a plain value: stored properties through Mirror, the
/// models and lists inside it read the same way. Names Mirror cannot see (computed ones such as
/// `hasErrors`, or the page's `csrf`) come from the model's own lookups.
struct MirroredModel: MustacheParent {
    let model: any TemplateFields

    init(_ model: any TemplateFields) {
        self.model = model
    }

    func child(named name: String) -> Any? {
        let subject = (model as? TemplateModel)?.base ?? model
        if let stored = Mirror(reflecting: subject).children.first(where: { $0.label == name }) {
            return TemplateModel.unwrap(stored.value).map(Self.mirrored)
        }
        return model.field(TemplateKey(name)).anyValue.map(Self.mirrored)
    }

    private static func mirrored(_ value: Any) -> Any {
        switch value {
        case let model as any TemplateFields: MirroredModel(model)
        case let list as [Any]: list.map(mirrored)
        default: value
        }
    }
}
