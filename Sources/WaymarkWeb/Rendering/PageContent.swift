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
