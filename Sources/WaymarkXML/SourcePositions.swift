import CLibXML2

/// Exact line and column of every element, which libxml2 does not keep (it keeps a line only,
/// and for a tag spread over several lines, the last one).
///
/// In a well-formed document without entity substitution, the n-th element in document order is
/// the n-th start tag in the text. One pass over the bytes finds the start tags; one walk over the
/// tree pairs them up and remembers each tag's byte offset in the node's `_private` field, which
/// libxml2 leaves to applications.
struct SourcePositions {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]

    init(bytes: [UInt8], document: xmlDocPtr) {
        self.bytes = bytes
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(offset + 1)
        }
        let tags = Self.startTagOffsets(in: bytes)
        var next = 0
        var node = xmlDocGetRootElement(document)
        // Document-order walk without recursion, so deep documents cannot overflow the stack.
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                if next < tags.count, Self.tag(at: tags[next], in: bytes, names: current) {
                    current.pointee._private = UnsafeMutableRawPointer(bitPattern: tags[next] + 1)
                }
                next += 1
            }
            if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children {
                node = child
                continue
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
        return location(atOffset: offset)
    }

    /// The start of an attribute's name inside the element's start tag.
    func location(ofAttribute name: String, in node: xmlNodePtr) -> SourceLocation {
        guard let offset = tagOffset(of: node) else { return location(of: node) }
        let wanted = Array(name.utf8)
        var index = offset + 1
        var quote: UInt8? = nil
        var previous: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            } else if Self.isSpace(previous), matches(wanted, at: index) {
                return location(atOffset: index)
            }
            previous = byte
            index += 1
        }
        return location(atOffset: offset)
    }

    private func matches(_ name: [UInt8], at index: Int) -> Bool {
        guard index + name.count < bytes.count else { return false }
        for (i, byte) in name.enumerated() where bytes[index + i] != byte { return false }
        let after = bytes[index + name.count]
        return after == UInt8(ascii: "=") || Self.isSpace(after)
    }

    private func tagOffset(of node: xmlNodePtr) -> Int? {
        guard let raw = node.pointee._private else { return nil }
        return Int(bitPattern: raw) - 1
    }

    private func location(atOffset offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < offset {
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether the start tag at `offset` carries the element's qualified name.
    private static func tag(at offset: Int, in bytes: [UInt8], names node: xmlNodePtr) -> Bool {
        guard let local = node.pointee.name else { return false }
        var expected: [UInt8] = []
        if let prefix = node.pointee.ns?.pointee.prefix {
            var p = prefix
            while p.pointee != 0 {
                expected.append(p.pointee)
                p += 1
            }
            expected.append(UInt8(ascii: ":"))
        }
        var l = local
        while l.pointee != 0 {
            expected.append(l.pointee)
            l += 1
        }
        let end = offset + 1 + expected.count
        guard end < bytes.count else { return false }
        for (i, byte) in expected.enumerated() where bytes[offset + 1 + i] != byte { return false }
        let after = bytes[end]
        return isSpace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/")
    }

    /// Byte offsets of every `<` that opens a start tag, skipping comments, CDATA,
    /// processing instructions, declarations and end tags.
    static func startTagOffsets(in bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var index = 0
        let count = bytes.count
        func skip(past terminator: [UInt8], from start: Int) -> Int {
            var i = start
            while i + terminator.count <= count {
                var found = true
                for (k, byte) in terminator.enumerated() where bytes[i + k] != byte {
                    found = false
                    break
                }
                if found { return i + terminator.count }
                i += 1
            }
            return count
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                if index + 3 < count, bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                    index = skip(past: Array("-->".utf8), from: index + 4)
                } else if index + 8 < count, bytes[index + 2] == UInt8(ascii: "[") {
                    index = skip(past: Array("]]>".utf8), from: index + 9)
                } else {
                    index = skip(past: Array(">".utf8), from: index + 2)
                }
            } else if next == UInt8(ascii: "?") {
                index = skip(past: Array("?>".utf8), from: index + 2)
            } else if next == UInt8(ascii: "/") {
                index += 2
            } else {
                offsets.append(index)
                index += 1
                // Skip the rest of the tag; quoted attribute values may hold '>' but never '<'.
                var quote: UInt8? = nil
                while index < count {
                    let byte = bytes[index]
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                    index += 1
                }
            }
        }
        return offsets
    }
}
