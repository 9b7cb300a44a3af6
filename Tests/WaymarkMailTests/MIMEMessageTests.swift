import Foundation
import Testing

@testable import WaymarkMail

/// The bytes of a message as they go to the server: checked against what RFC 5322, MIME and
/// SMTP require, and decoded back to the words that went in.
@Suite struct MIMEMessageTests {
    static let sent = Date(timeIntervalSince1970: 1_796_146_101)  // Tue, 01 Dec 2026 17:28:21 UTC

    static func message(
        to: String = "jo@example.org",
        subject: String = "Your next step",
        plainText: String = "Hello Jo,\nYour next step is ready.",
        html: String = "<p>Hello Jo,</p>\n<p>Your next step is ready.</p>",
        messageID: String = "outbox-42"
    ) -> MailMessage {
        MailMessage(to: to, subject: subject, plainText: plainText, html: html, messageID: messageID)
    }

    static func compose(_ message: MailMessage, fromName: String = "Northside Mentoring") throws -> String {
        try MIMEMessage.compose(message, fromAddress: "waymark@northside.example", fromName: fromName, date: sent)
    }

    @Test func aPlainMessageIsExactlyTheseBytes() throws {
        let expected = [
            "Date: Tue, 01 Dec 2026 17:28:21 +0000",
            "From: Northside Mentoring <waymark@northside.example>",
            "To: <jo@example.org>",
            "Subject: Your next step",
            "Message-ID: <outbox-42@northside.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"=_waymark-alternative\"",
            "",
            "This message has a plain text part and an HTML part.",
            "--=_waymark-alternative",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Hello Jo,",
            "Your next step is ready.",
            "--=_waymark-alternative",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "<p>Hello Jo,</p>",
            "<p>Your next step is ready.</p>",
            "--=_waymark-alternative--",
            "",
        ].joined(separator: "\r\n")
        #expect(try Self.compose(Self.message()) == expected)
    }

    @Test func everyLineEndsInCRLFAndTheDataBlockEndsWithTheDotLine() throws {
        let block = try SMTPDataBlock.bytes(of: Self.compose(Self.message(plainText: "one\rtwo\nthree\r\nfour")))
        let text = String(decoding: block, as: UTF8.self)
        #expect(text.hasSuffix("--=_waymark-alternative--\r\n.\r\n"))
        #expect(text.contains("one\r\ntwo\r\nthree\r\nfour\r\n"))
        let withoutCRLF = text.replacingOccurrences(of: "\r\n", with: "")
        #expect(!withoutCRLF.contains("\r") && !withoutCRLF.contains("\n"), "no CR or LF on its own")
    }

    @Test func aLineStartingWithADotGetsASecondOneSoItCannotEndTheMessage() throws {
        let composed = try Self.compose(Self.message(plainText: "Read this:\n.\n.hidden line\nend", html: ".<p>x</p>"))
        let text = String(decoding: try SMTPDataBlock.bytes(of: composed), as: UTF8.self)
        #expect(text.contains("\r\nRead this:\r\n..\r\n..hidden line\r\nend\r\n"))
        #expect(text.contains("\r\n..<p>x</p>\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "." }.count == 1, "only the closing line is a dot alone")
        #expect(lines.dropLast().last == ".")
    }

    @Test func longLinesAreSoftBrokenUnder76AndDecodeBackWhole() throws {
        let long = String(repeating: "Every word counts — ", count: 120) + "= the end "
        let composed = try Self.compose(Self.message(plainText: long, html: "<p>" + long + "</p>"))
        let lines = composed.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.map(\.count).max() ?? 0)")
        let plain = try #require(Self.part("text/plain", of: composed))
        #expect(try QuotedPrintableDecoding.decode(plain) == long)
        #expect(try SMTPDataBlock.bytes(of: composed).count > long.utf8.count)
    }

    @Test func aLineOfMoreThan998CharactersIsRefusedBySMTPFraming() {
        #expect(throws: MailEncodingError.lineTooLong) { try SMTPDataBlock.bytes(of: String(repeating: "x", count: 999) + "\r\n") }
        #expect(throws: Never.self) { try SMTPDataBlock.bytes(of: String(repeating: "x", count: 998) + "\r\n") }
    }

    @Test func aSubjectInOtherLettersIsEncodedWordsThatDecodeBack() throws {
        let subject = "Well done, Zoë — your certificate is ready 🎉 (Zoë Nowak, Łódź)"
        let composed = try Self.compose(Self.message(subject: subject))
        let isASCII = composed.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(isASCII, "the message is plain ASCII")
        let header = try #require(Self.header("Subject", of: composed))
        #expect(header.hasPrefix("=?UTF-8?B?"))
        #expect(try EncodedWordDecoding.decode(header) == subject)
        let subjectLines = try #require(composed.components(separatedBy: "\r\n\r\n").first).components(separatedBy: "\r\n")
        #expect(subjectLines.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test func displayNamesAreQuotedOrEncodedAsTheyNeed() throws {
        #expect(try Self.header("From", of: Self.compose(Self.message(), fromName: "Waymark")) == "Waymark <waymark@northside.example>")
        #expect(
            try Self.header("From", of: Self.compose(Self.message(), fromName: "Northside \"North\" Mentoring, Ltd"))
                == "\"Northside \\\"North\\\" Mentoring, Ltd\" <waymark@northside.example>"
        )
        let encoded = try #require(Self.header("From", of: Self.compose(Self.message(), fromName: "Café Mentoring")))
        #expect(encoded.hasSuffix(" <waymark@northside.example>"))
        #expect(try EncodedWordDecoding.decode(String(encoded.dropLast(" <waymark@northside.example>".count))) == "Café Mentoring")
    }

    @Test func aMessageIDWithItsOwnDomainOrBracketsIsKeptAsItIs() throws {
        #expect(try Self.header("Message-ID", of: Self.compose(Self.message(messageID: "7f3a@mail.example"))) == "<7f3a@mail.example>")
        #expect(try Self.header("Message-ID", of: Self.compose(Self.message(messageID: "<7f3a@mail.example>"))) == "<7f3a@mail.example>")
        #expect(throws: MailEncodingError.unusableMessageID("has space")) { try Self.compose(Self.message(messageID: "has space")) }
    }

    /// A line break in a header value would let it add headers of its own (a Bcc, say).
    @Test func aLineBreakInAnyHeaderValueIsRefused() {
        for (message, field) in [
            (Self.message(subject: "Hello\r\nBcc: everyone@example.org"), "Subject"),
            (Self.message(subject: "Hello\nBcc: everyone@example.org"), "Subject"),
            (Self.message(subject: "Hello\rBcc: everyone@example.org"), "Subject"),
            (Self.message(to: "jo@example.org\r\nBcc: everyone@example.org"), "To"),
            (Self.message(messageID: "42\nBcc: everyone@example.org"), "Message-ID"),
        ] {
            #expect(throws: MailEncodingError.lineBreakInHeader(field: field)) { try Self.compose(message) }
        }
        #expect(throws: MailEncodingError.lineBreakInHeader(field: "From")) { try Self.compose(Self.message(), fromName: "Evil\nBcc: x@y.z") }
        #expect(MailEncodingError.lineBreakInHeader(field: "Subject").description.contains("could add headers of its own"))
    }

    @Test func addressesThatCannotGoIntoACommandAreRefused() {
        for address in [
            "", "jo", "jo@", "@example.org", "jo@@example.org", "jo smith@example.org", "<jo@example.org>", "zoë@example.org", "jo@example..org",
        ] {
            #expect(MailAddress.problem(address) != nil, "\(address)")
        }
        for address in ["jo@example.org", "jo.smith+waymark@mail.example.co.uk"] {
            #expect(MailAddress.problem(address) == nil, "\(address)")
        }
    }

    static func header(_ name: String, of message: String) -> String? {
        let head = message.components(separatedBy: "\r\n\r\n").first ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
        return unfolded.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    /// The encoded body of the part of this type.
    static func part(_ type: String, of message: String) -> String? {
        let parts = message.components(separatedBy: "--" + MIMEMessage.boundary)
        guard let part = parts.first(where: { $0.contains("Content-Type: \(type);") }) else { return nil }
        let body = part.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        // "\r\n" is one Character in Swift: drop its two bytes, not two Characters.
        return body.hasSuffix("\r\n") ? String(decoding: body.utf8.dropLast(2), as: UTF8.self) : body
    }
}

/// Decoders written apart from the encoders, so a test compares the words, not the encoder with itself.
enum QuotedPrintableDecoding {
    struct Malformed: Error {}

    static func decode(_ text: String) throws -> String {
        var bytes: [UInt8] = []
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var iterator = Array(joined.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "=") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(), let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { throw Malformed() }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum EncodedWordDecoding {
    struct Malformed: Error {}

    static func decode(_ header: String) throws -> String {
        var bytes: [UInt8] = []
        for word in header.split(separator: " ") {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="), word.count <= 75,
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { throw Malformed() }
            bytes += data
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
