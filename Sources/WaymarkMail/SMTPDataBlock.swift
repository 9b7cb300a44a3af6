import Foundation

/// A composed message as it follows the DATA command (RFC 5321 section 4.5.2): a line that
/// starts with "." gets a second one, so only the closing "." line can end the message.
enum SMTPDataBlock {
    /// The longest line SMTP allows, without its CRLF.
    static let longestLine = 998

    static func bytes(of message: String) throws(MailEncodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 16)
        var lines = message.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let bytes = Array(line.utf8)
            guard bytes.count <= longestLine else { throw MailEncodingError.lineTooLong }
            if bytes.contains(UInt8(ascii: "\r")) || bytes.contains(UInt8(ascii: "\n")) {
                throw MailEncodingError.strayLineBreak
            }
            if bytes.first == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output += bytes
            output += [13, 10]
        }
        output += Array(".\r\n".utf8)
        return output
    }
}
