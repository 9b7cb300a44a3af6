import CLibXML2

/// An element of a `ParsedDocument`; keeps its document alive.
public struct ParsedElement {
    let node: xmlNodePtr
    /// The document this element belongs to.
    public let document: ParsedDocument

    init(node: xmlNodePtr, document: ParsedDocument) {
        self.node = node
        self.document = document
    }

    /// The local name, without a prefix: `module` for `<w:module>`.
    public var name: String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The namespace URI, if the element has one.
    public var namespaceURI: String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// Whether this element has the given local name (without making a String).
    public func isNamed(_ wanted: StaticString) -> Bool {
        xmlStrEqual(node.pointee.name, wanted.utf8Start) != 0
    }

    /// An attribute without a namespace, or nil when it is absent.
    public func attribute(_ name: String) -> String? {
        let found = name.withCString { xmlGetNoNsProp(node, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        guard let value = found else { return nil }
        defer { waymark_free(value) }
        return String(cString: value)
    }

    /// The child elements, in document order.
    public var children: [ParsedElement] {
        var result: [ParsedElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(ParsedElement(node: current, document: document))
            }
            child = current.pointee.next
        }
        return result
    }

    /// All the text inside, with markup removed.
    public var text: String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { waymark_free(value) }
        return String(cString: value)
    }

    /// All the text inside, with runs of whitespace folded to one space and the ends trimmed,
    /// the way a title reads.
    public var foldedText: String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { waymark_free(value) }
        return WhitespaceFolding.fold(UnsafePointer(value), trimming: true)
    }

    /// Text and element children in order, for mixed content such as a paragraph, with runs of
    /// whitespace in the text folded to one space (a space at either end of a piece is kept: it
    /// separates the text from the markup beside it).
    public var foldedContent: [ParsedContent] {
        var result: [ParsedContent] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                result.append(.element(ParsedElement(node: current, document: document)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let text = current.pointee.content {
                    result.append(.text(WhitespaceFolding.fold(UnsafePointer(text), trimming: false)))
                }
            default:
                break
            }
            child = current.pointee.next
        }
        return result
    }

    /// Where the element's start tag begins.
    public var location: SourceLocation {
        document.location(of: node)
    }

    /// Where an attribute is written, or the element's location if it is absent.
    public func location(ofAttribute name: String) -> SourceLocation {
        document.location(ofAttribute: name, in: node)
    }
}

/// One piece of mixed content.
public enum ParsedContent {
    /// Character data, entities already resolved to characters.
    case text(String)
    /// A child element.
    case element(ParsedElement)
}
