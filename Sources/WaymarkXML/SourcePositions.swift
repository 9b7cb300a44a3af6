import CLibXML2

/// Exact line and column of every element, which libxml2 does not keep (it keeps a line only,
/// and for a tag spread over several lines, the last one).
///
/// One pass over the text finds the start tags; one walk over the tree pairs them with the
/// elements and remembers each tag's byte offset in the node's `_private` field, which libxml2
/// leaves to applications. Built only when a diagnostic needs a location.
struct SourcePositions {
    private let text: SourceText

    init(bytes: [UInt8], document: xmlDocPtr) {
        text = SourceText(bytes: bytes)
        let tags = text.startTagOffsets()
        var next = 0
        var node = xmlDocGetRootElement(document)
        // Document-order walk without recursion, so deep documents cannot overflow the stack.
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                if next < tags.count, Self.tag(at: tags[next], in: bytes, names: current) {
                    current.pointee._private = UnsafeMutableRawPointer(bitPattern: tags[next] + 1)
                }
                next += 1
                if let child = current.pointee.children {
                    node = child
                    continue
                }
            }
            var climb: xmlNodePtr? = current
            node = nil
            while let step = climb {
                if let sibling = step.pointee.next {
                    node = sibling
                    break
                }
                climb = step.pointee.parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil }
            }
        }
    }

    /// The start of an element's start tag; libxml2's line with column 1 if it could not be paired.
    func location(of node: xmlNodePtr) -> SourceLocation {
        guard let offset = tagOffset(of: node) else {
            return SourceLocation(line: max(waymark_node_line(node), 1), column: 1)
        }
        return text.location(atOffset: offset)
    }

    /// The start of an attribute's name inside the element's start tag.
    func location(ofAttribute name: String, in node: xmlNodePtr) -> SourceLocation {
        guard let offset = tagOffset(of: node) else { return location(of: node) }
        return text.location(atOffset: text.attributeOffset(named: name, inTagAt: offset) ?? offset)
    }

    private func tagOffset(of node: xmlNodePtr) -> Int? {
        guard let raw = node.pointee._private else { return nil }
        return Int(bitPattern: raw) - 1
    }

    /// Whether the start tag at `offset` carries the element's qualified name.
    private static func tag(at offset: Int, in bytes: [UInt8], names node: xmlNodePtr) -> Bool {
        guard let local = node.pointee.name else { return false }
        var index = offset + 1
        func consume(_ name: UnsafePointer<xmlChar>) -> Bool {
            var p = name
            while p.pointee != 0 {
                guard index < bytes.count, bytes[index] == p.pointee else { return false }
                index += 1
                p += 1
            }
            return true
        }
        if let prefix = node.pointee.ns?.pointee.prefix {
            guard consume(prefix), index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
        }
        guard consume(local), index < bytes.count else { return false }
        let after = bytes[index]
        return SourceText.isSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/")
    }
}
