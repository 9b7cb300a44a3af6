import Foundation

/// One answer from an SMTP server: a three-digit code and one or more lines of text
/// (RFC 5321 section 4.2). "250-first", "250-second", "250 last" is one reply of three lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// 2xx and 3xx: done, or go on.
    var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: not now; the same command may work later.
    var isTemporaryFailure: Bool { (400..<500).contains(code) }

    /// "550 5.1.1 No such person here" (lines joined by spaces), for messages to people.
    var summary: String {
        let text = lines.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "\(code)" : "\(code) \(text)"
    }
}

/// Gathers the lines of one reply, however they arrive, and says when the reply is whole.
struct SMTPReplyParser: Sendable {
    /// Far more than any real server sends (an EHLO lists a dozen extensions): a bound on what a
    /// misbehaving server can make the client hold.
    static let mostLines = 200

    private var code: Int?
    private var lines: [String] = []

    /// Takes one line (without its CRLF); returns the reply when this line was its last.
    mutating func take(_ line: String) throws(SMTPConnectionError) -> SMTPReply? {
        let characters = Array(line.utf8)
        guard characters.count >= 3, characters.prefix(3).allSatisfy({ (48...57).contains($0) }),
            let code = Int(String(decoding: characters.prefix(3), as: UTF8.self)), (200...599).contains(code)
        else {
            throw SMTPConnectionError.unreadableReply(String(line.prefix(80)))
        }
        if let started = self.code, started != code { throw SMTPConnectionError.unreadableReply(String(line.prefix(80))) }
        let separator = characters.count > 3 ? characters[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPConnectionError.unreadableReply(String(line.prefix(80)))
        }
        guard lines.count < Self.mostLines else { throw SMTPConnectionError.unreadableReply("a reply of more than \(Self.mostLines) lines") }
        self.code = code
        lines.append(characters.count > 4 ? String(decoding: characters.dropFirst(4), as: UTF8.self) : "")
        guard separator == UInt8(ascii: " ") else { return nil }
        let reply = SMTPReply(code: code, lines: lines)
        self = SMTPReplyParser()
        return reply
    }

    /// Whether part of a reply has arrived and its last line not yet.
    var isPartway: Bool { code != nil }
}

/// What a server's EHLO reply offers: the extensions after the first line, like STARTTLS and
/// `AUTH PLAIN LOGIN`.
struct SMTPCapabilities: Sendable, Equatable {
    var keywords: Set<String> = []
    var authMechanisms: Set<String> = []

    init(ehlo reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            if keyword == "AUTH" { authMechanisms.formUnion(words.dropFirst()) }
        }
    }

    /// After HELO, when the server knows no extensions.
    init() {}

    var offersStartTLS: Bool { keywords.contains("STARTTLS") }
}
