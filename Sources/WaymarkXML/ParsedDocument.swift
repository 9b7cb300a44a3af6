import CLibXML2

/// A well-formed document, owned by Waymark until it is released.
///
/// Not `Sendable`: one document is read on one thread, and the values built from it are what
/// travel. Locations are worked out only when a diagnostic needs one, so valid files cost nothing.
public final class ParsedDocument {
    let document: xmlDocPtr
    /// The path shown in diagnostics.
    public let path: String
    /// Warnings libxml2 gave while parsing (the document is still usable).
    public let warnings: [Diagnostic]
    private let bytes: [UInt8]
    private var positions: SourcePositions?

    init(document: xmlDocPtr, bytes: [UInt8], path: String, warnings: [Diagnostic]) {
        self.document = document
        self.bytes = bytes
        self.path = path
        self.warnings = warnings
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The root element.
    public var root: ParsedElement? {
        xmlDocGetRootElement(document).map { ParsedElement(node: $0, document: self) }
    }

    /// Where an element's start tag begins.
    func location(of node: xmlNodePtr) -> SourceLocation {
        sourcePositions().location(of: node)
    }

    /// Where an attribute's name begins inside an element's start tag, or the tag itself.
    func location(ofAttribute name: String, in node: xmlNodePtr) -> SourceLocation {
        sourcePositions().location(ofAttribute: name, in: node)
    }

    /// A location to work out later, from this document's bytes.
    func deferredLocation(of node: xmlNodePtr, attribute: String?) -> DeferredLocation {
        DeferredLocation(bytes: bytes, node: node, attribute: attribute)
    }

    private func sourcePositions() -> SourcePositions {
        if let positions { return positions }
        let made = SourcePositions(bytes: bytes, document: document)
        positions = made
        return made
    }
}
