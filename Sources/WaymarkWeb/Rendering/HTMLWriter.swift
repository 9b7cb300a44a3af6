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
        var text = text
        text.withUTF8 { escaped($0) }
    }

    mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in bytes.indices {
            let entity: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            if start < index { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index]))) }
            buffer.writeStaticString(entity)
            start = index + 1
        }
        if start < bytes.count { buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...]))) }
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
