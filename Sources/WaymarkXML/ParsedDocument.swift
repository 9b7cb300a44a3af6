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
    private var siblingIndices: [UnsafeMutableRawPointer: Int] = [:]

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
        var path: [Int] = []
        var current = node
        while let parent = current.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
            path.append(elementIndex(of: current, in: parent))
            current = parent
        }
        return DeferredLocation(bytes: bytes, path: path.reversed(), attribute: attribute)
    }

    /// The element's index among its parent's child elements. Counting back through the siblings
    /// each time made a programme of 5,000 modules take seconds (each module asks four times), so
    /// the first question about a parent numbers all of its children at once.
    private func elementIndex(of node: xmlNodePtr, in parent: xmlNodePtr) -> Int {
        if let known = siblingIndices[UnsafeMutableRawPointer(node)] { return known }
        var index = 0
        var child = parent.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                siblingIndices[UnsafeMutableRawPointer(current)] = index
                index += 1
            }
            child = current.pointee.next
        }
        return siblingIndices[UnsafeMutableRawPointer(node)] ?? 0
    }

    private func sourcePositions() -> SourcePositions {
        if let positions { return positions }
        let made = SourcePositions(bytes: bytes, document: document)
        positions = made
        return made
    }
}
