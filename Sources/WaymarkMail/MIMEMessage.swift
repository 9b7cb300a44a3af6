import Foundation

/// A `MailMessage` as the bytes of an Internet message (RFC 5322 and MIME): headers, then a
/// `multipart/alternative` body with the plain text first and the HTML second, so a mail
/// program shows the HTML when it can and the plain words when it cannot.
///
/// Every line ends in CRLF and is at most 78 characters; every body is quoted-printable UTF-8,
/// so the message is plain ASCII and needs nothing of the server (no 8BITMIME, no SMTPUTF8).
enum MIMEMessage {
    /// Cannot occur in quoted-printable text (see `QuotedPrintable`), so no body can end a part early.
    static let boundary = "=_waymark-alternative"

    static func compose(_ message: MailMessage, fromAddress: String, fromName: String, date: Date) throws(MailEncodingError) -> String {
        for (field, value) in [("To", message.to), ("Subject", message.subject), ("Message-ID", message.messageID), ("From", fromName)]
        where HeaderValue.hasLineBreak(value) {
            throw MailEncodingError.lineBreakInHeader(field: field)
        }
        if let problem = MailAddress.problem(message.to) { throw MailEncodingError.unusableAddress(message.to, problem: problem) }
        let messageID = try messageIDHeader(message.messageID, domain: MailAddress.domain(of: fromAddress))
        let headers = [
            "Date: \(rfc5322Date(date))",
            "From: \(HeaderValue.mailbox(name: fromName, address: fromAddress))",
            "To: <\(message.to)>",
            "Subject: \(HeaderValue.unstructured(message.subject, name: "Subject"))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", message.plainText), ("text/html", message.html)].map { type, text in
            [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(text),
            ].joined(separator: "\r\n")
        }
        return (headers + ["", "This message has a plain text part and an HTML part."] + parts + ["--\(boundary)--", ""])
            .joined(separator: "\r\n")
    }

    /// `<id@domain>`: the outbox's id as it is, with the from address's domain when it has none.
    private static func messageIDHeader(_ id: String, domain: String) throws(MailEncodingError) -> String {
        var bare = id
        if bare.hasPrefix("<"), bare.hasSuffix(">") { bare = String(bare.dropFirst().dropLast()) }
        guard !bare.isEmpty, bare.utf8.count <= 200,
            bare.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && !"<>()[],;:\\\"".unicodeScalars.contains($0) })
        else {
            throw MailEncodingError.unusableMessageID(id)
        }
        return bare.contains("@") ? "<\(bare)>" : "<\(bare)@\(domain)>"
    }

    /// "Tue, 01 Dec 2026 17:28:21 +0000".
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// Why a message cannot be turned into an email. Trying again cannot help, so the transport
/// reports these as permanent.
public enum MailEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case lineBreakInHeader(field: String)
    case unusableAddress(String, problem: String)
    case unusableMessageID(String)
    case lineTooLong
    case strayLineBreak

    public var description: String {
        switch self {
        case .lineBreakInHeader(let field):
            "The \(field) has a line break in it. A line break there could add headers of its own to the email, so the message was not sent."
        case .unusableAddress(let address, let problem): "The address '\(address)' cannot be used: \(problem)."
        case .unusableMessageID(let id): "The message id '\(id)' cannot go in an email header."
        case .lineTooLong: "A line of the message is longer than the 998 characters email allows."
        case .strayLineBreak: "The message has a carriage return or line feed that is not part of a line ending."
        }
    }
}
