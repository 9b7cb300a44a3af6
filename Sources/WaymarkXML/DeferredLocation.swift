import CLibXML2

/// Where an element (or one of its attributes) is, worked out only if someone asks.
///
/// Loading a curriculum remembers where every id is written, in case a later check across files
/// needs to point at it; almost always none does. This keeps the file's bytes (shared, not copied)
/// and the element's path from the root, and scans the text only when `resolve()` is called.
public struct DeferredLocation: Sendable {
    private let bytes: [UInt8]
    /// For each level below the root, the element's index among its parent's child elements.
    private let path: [Int]
    private let attribute: String?

    init(bytes: [UInt8], path: [Int], attribute: String?) {
        self.bytes = bytes
        self.path = path
        self.attribute = attribute
    }

    /// The line and column of the element's start tag, or of the attribute's name in it.
    public func resolve() -> SourceLocation {
        let text = SourceText(bytes: bytes)
        guard let offset = text.startTagOffset(following: path) else { return .startOfFile }
        guard let attribute else { return text.location(atOffset: offset) }
        return text.location(atOffset: text.attributeOffset(named: attribute, inTagAt: offset) ?? offset)
    }
}

extension ParsedElement {
    /// The element's location, worked out later and only if needed.
    public var deferredLocation: DeferredLocation {
        document.deferredLocation(of: node, attribute: nil)
    }

    /// An attribute's location, worked out later and only if needed.
    public func deferredLocation(ofAttribute name: String) -> DeferredLocation {
        document.deferredLocation(of: node, attribute: name)
    }
}
