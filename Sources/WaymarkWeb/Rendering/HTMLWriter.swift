import Hummingbird

/// The one buffer a page is written into, and the escaping that keeps text from becoming markup.
/// Escaping works on UTF-8 bytes: the five characters it replaces are single bytes that never
/// occur inside a multi-byte character, so runs without them are copied whole.
///
/// The page is gathered in an array and handed over as a ByteBuffer once, at the end: each
/// ByteBuffer write checked exclusivity at run time, and a page makes a few hundred writes.
struct HTMLWriter {
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The page so far, for a response body (a copy: take it once, when the page is done).
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// The page so far as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup, or text already escaped.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        self.bytes.append(contentsOf: bytes)
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
            self.bytes.append(contentsOf: bytes)
            return
        }
        var start = 0
        for index in first..<bytes.count where Self.needsEscaping(bytes[index]) {
            self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            let entity = Self.entity(bytes[index])
            self.bytes.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            start = index + 1
        }
        self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
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
            return writer.text
        }
    }
}
