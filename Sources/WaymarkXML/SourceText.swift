#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw bytes of an XML file, read as text to find where tags and attributes are written.
///
/// Only for documents libxml2 has already accepted as well-formed, without entity substitution:
/// then the n-th start tag in the text is the n-th element in document order.
struct SourceText {
    let bytes: [UInt8]

    /// A start tag or an end tag found in the text.
    enum Tag {
        case start(offset: Int, selfClosing: Bool)
        case end
    }

    /// Every start and end tag, in order, skipping comments, CDATA, processing instructions and
    /// declarations. `body` returns false to stop early.
    func forEachTag(_ body: (Tag) -> Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            func skip(past terminator: StaticString, from start: Int) -> Int {
                let length = terminator.utf8CodeUnitCount
                var i = start
                while i + length <= count {
                    guard let found = memchr(base + i, Int32(terminator.utf8Start.pointee), count - i) else { return count }
                    i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if i + length <= count, memcmp(base + i, terminator.utf8Start, length) == 0 { return i + length }
                    i += 1
                }
                return count
            }
            var index = 0
            while index < count {
                guard let found = memchr(base + index, 0x3C, count - index) else { return }  // '<'
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard index + 1 < count else { return }
                let next = buffer[index + 1]
                if next == UInt8(ascii: "!") {
                    if index + 3 < count, buffer[index + 2] == UInt8(ascii: "-"), buffer[index + 3] == UInt8(ascii: "-") {
                        index = skip(past: "-->", from: index + 4)
                    } else if index + 8 < count, buffer[index + 2] == UInt8(ascii: "[") {
                        index = skip(past: "]]>", from: index + 9)
                    } else {
                        index = skip(past: ">", from: index + 2)
                    }
                } else if next == UInt8(ascii: "?") {
                    index = skip(past: "?>", from: index + 2)
                } else if next == UInt8(ascii: "/") {
                    index = skip(past: ">", from: index + 2)
                    if !body(.end) { return }
                } else {
                    let start = index
                    index += 1
                    // The rest of the tag; quoted attribute values may hold '>' but never '<'.
                    var quote: UInt8 = 0
                    while index < count {
                        let byte = buffer[index]
                        if quote != 0 {
                            if byte == quote { quote = 0 }
                        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                            quote = byte
                        } else if byte == UInt8(ascii: ">") {
                            break
                        }
                        index += 1
                    }
                    let selfClosing = index > 0 && index < count && buffer[index - 1] == UInt8(ascii: "/")
                    if !body(.start(offset: start, selfClosing: selfClosing)) { return }
                    index += 1
                }
            }
        }
    }

    /// Byte offsets of every start tag, in document order.
    func startTagOffsets() -> [Int] {
        var offsets: [Int] = []
        forEachTag { tag in
            if case .start(let offset, _) = tag { offsets.append(offset) }
            return true
        }
        return offsets
    }

    /// The start tag reached by following child indices down from the root element.
    func startTagOffset(following path: [Int]) -> Int? {
        var matched = 0  // elements of the way matched so far, the root included
        var seen = 0  // children of the last matched element passed so far
        var depth = 0  // elements open
        var result: Int? = nil
        forEachTag { tag in
            switch tag {
            case .start(let offset, let selfClosing):
                if depth == matched {
                    if matched == 0 || seen == path[matched - 1] {
                        matched += 1
                        seen = 0
                        if matched - 1 == path.count {
                            result = offset
                            return false
                        }
                    } else {
                        seen += 1
                    }
                }
                if !selfClosing { depth += 1 }
            case .end:
                depth -= 1
                if depth < matched - 1 { return false }  // left the element without finding the child
            }
            return true
        }
        return result
    }

    /// Where an attribute's name starts inside the start tag at `offset`.
    func attributeOffset(named name: String, inTagAt offset: Int) -> Int? {
        let wanted = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            func matches(at index: Int) -> Bool {
                guard index + wanted.count < buffer.count else { return false }
                for (i, byte) in wanted.enumerated() where buffer[index + i] != byte { return false }
                let after = buffer[index + wanted.count]
                return after == UInt8(ascii: "=") || Self.isSpace(after)
            }
            var index = offset + 1
            var quote: UInt8 = 0
            var previous: UInt8 = 0
            while index < buffer.count {
                let byte = buffer[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return nil
                } else if Self.isSpace(previous), matches(at: index) {
                    return index
                }
                previous = byte
                index += 1
            }
            return nil
        }
    }

    /// Line and column (in characters) of a byte offset.
    func location(atOffset offset: Int) -> SourceLocation {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .startOfFile }
            let end = min(max(offset, 0), buffer.count)
            var line = 1
            var lineStart = 0
            var index = 0
            while index < end, let found = memchr(base + index, 0x0A, end - index) {
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                line += 1
                lineStart = index
            }
            var column = 1
            for index in lineStart..<end where buffer[index] & 0xC0 != 0x80 {
                column += 1  // count characters: UTF-8 continuation bytes do not start one
            }
            return SourceLocation(line: line, column: column)
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
