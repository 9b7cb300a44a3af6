import Foundation

/// Header values as they go on the wire: plain ASCII when they can be, RFC 2047 encoded words
/// ("=?UTF-8?B?...?=") when they cannot, folded so no line passes 76 characters.
enum HeaderValue {
    /// Whether the value holds a carriage return or a line feed: either would let the value
    /// start a header of its own (header injection), so such values are refused, never cleaned.
    static func hasLineBreak(_ value: String) -> Bool {
        value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }

    /// Text for the Subject (or any unstructured header) after `name: `.
    static func unstructured(_ text: String, name: String) -> String {
        if isPlainPrintable(text), !text.contains("=?"), name.count + 2 + text.utf8.count <= 76 {
            return text
        }
        return encodedWords(text)
    }

    /// `Name <address>`, with the name quoted or encoded as it needs.
    static func mailbox(name: String, address: String) -> String {
        if name.isEmpty { return "<\(address)>" }
        if isPlainPrintable(name), name.utf8.count <= 60 {
            let atext = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " !#$%&'*+-/=?^_`{|}~"))
            if name.unicodeScalars.allSatisfy({ atext.contains($0) }), !name.hasPrefix(" "), !name.hasSuffix(" "), !name.contains("=?") {
                return "\(name) <\(address)>"
            }
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return encodedWords(name) + "\r\n <\(address)>"
    }

    private static func isPlainPrintable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value < 127 }
    }

    /// The text as base64 encoded words of at most 30 bytes of UTF-8 each (52 characters), one
    /// to a folded line; never splitting a character between two words, as RFC 2047 requires.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 30 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
