import Hummingbird

/// The one buffer a page is written into, and the escaping that keeps text from becoming markup.
/// Escaping works on UTF-8 bytes: the five characters it replaces are single bytes that never
/// occur inside a multi-byte character, so runs without them are copied whole.
struct HTMLWriter {
    private(set) var buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Markup, or text already escaped.
    mutating func raw(_ text: String) {
        buffer.writeString(text)
    }

    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        buffer.writeBytes(bytes)
    }

    /// Text, escaped for HTML content and attribute values alike.
    mutating func escaped(_ text: String) {
        // Native strings lend their UTF-8 in place; only others are copied.
        if text.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var text = text
            text.withUTF8 { escaped($0) }
        }
    }

    mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Most text has nothing to escape: one scan, one copy.
        guard let first = bytes.firstIndex(where: Self.needsEscaping) else {
            buffer.writeBytes(UnsafeRawBufferPointer(bytes))
            return
        }
        var length = bytes.count
        for byte in bytes[first...] where Self.needsEscaping(byte) { length += Self.entity(byte).utf8CodeUnitCount - 1 }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { out in
            var written = 0
            func append(_ source: UnsafeRawBufferPointer) {
                UnsafeMutableRawBufferPointer(rebasing: out[written..<written + source.count]).copyMemory(from: source)
                written += source.count
            }
            var start = 0
            for index in first..<bytes.count where Self.needsEscaping(bytes[index]) {
                append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                let entity = Self.entity(bytes[index])
                append(UnsafeRawBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = index + 1
            }
            append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
            return written
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        // `&`, `<`, `>`, `"` and `'` are all below 64: one bit each of a mask, no branch per character.
        let mask: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
        return byte < 64 && (mask &>> UInt64(byte)) & 1 != 0
    }

    private static func entity(_ byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }
}

extension HTMLWriter {
    /// Escapes text into a String, for HTML built outside templates (curriculum text).
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var writer = HTMLWriter(capacity: bytes.count + 16)
            writer.escaped(bytes)
            return String(buffer: writer.buffer)
        }
    }
}
