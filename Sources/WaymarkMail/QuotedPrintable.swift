/// Quoted-printable (RFC 2045 section 6.7): text that stays readable where it is plain ASCII,
/// with every other byte written as =XX, in lines of at most 76 characters.
///
/// A literal "=" is always written "=3D", so "=_" can never appear in the output: the MIME
/// boundary starts with it and so can never be mistaken for a line of the message.
enum QuotedPrintable {
    static let longestLine = 76

    /// The text's UTF-8, encoded, its line breaks (CRLF, LF or CR alone) as CRLF.
    static func encode(_ text: String) -> String {
        lines(of: text).map(encodeLine).joined(separator: "\r\n")
    }

    /// The text's lines, whatever line breaks it uses.
    static func lines(of text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func encodeLine(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var tokens: [String] = []
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
            tokens.append(literal ? String(UnicodeScalar(byte)) : hex(byte))
        }
        // Soft line breaks ("=" at a line's end) keep each line within 76 characters, never
        // inside an =XX.
        var output = ""
        var current = 0
        for (index, token) in tokens.enumerated() {
            let isLast = index == tokens.count - 1
            let room = isLast ? longestLine : longestLine - 1
            if current + token.count > room {
                output += "=\r\n"
                current = 0
            }
            output += token
            current += token.count
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
