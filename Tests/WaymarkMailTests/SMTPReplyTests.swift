import Testing

@testable import WaymarkMail

@Suite struct SMTPReplyTests {
    static func parse(_ lines: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        return try lines.compactMap { line throws(SMTPConnectionError) in try parser.take(line) }
    }

    @Test func aOneLineReplyIsWholeAtOnce() throws {
        #expect(try Self.parse(["250 2.1.0 Ok"]) == [SMTPReply(code: 250, lines: ["2.1.0 Ok"])])
        #expect(try Self.parse(["354"]) == [SMTPReply(code: 354, lines: [""])])
    }

    @Test func aMultiLineReplyIsWholeAtItsLastLine() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.take("250-mail.example.org") == nil)
        #expect(parser.isPartway)
        #expect(try parser.take("250-AUTH PLAIN LOGIN") == nil)
        let reply = try parser.take("250 STARTTLS")
        #expect(reply == SMTPReply(code: 250, lines: ["mail.example.org", "AUTH PLAIN LOGIN", "STARTTLS"]))
        #expect(!parser.isPartway)
        #expect(try parser.take("221 Bye") == SMTPReply(code: 221, lines: ["Bye"]), "the next reply starts afresh")
    }

    @Test func repliesAreSortedIntoGoOnLaterAndNever() {
        #expect(SMTPReply(code: 250, lines: []).isPositive && SMTPReply(code: 354, lines: []).isPositive)
        #expect(SMTPReply(code: 451, lines: []).isTemporaryFailure)
        #expect(!SMTPReply(code: 550, lines: []).isTemporaryFailure && !SMTPReply(code: 550, lines: []).isPositive)
        #expect(SMTPReply(code: 550, lines: ["5.1.1 No such", "person here"]).summary == "550 5.1.1 No such person here")
    }

    @Test func whatIsNotAReplyIsRefused() {
        for lines in [["hello"], ["25"], ["2500 Ok"], ["abc Ok"], ["199 Too low"], ["600 Too high"], ["250-first", "251 second"], ["250_Ok"]] {
            #expect(throws: SMTPConnectionError.self, "\(lines)") { try Self.parse(lines) }
        }
    }

    @Test func aReplyOfEndlessLinesIsRefused() {
        let lines = Array(repeating: "250-more", count: SMTPReplyParser.mostLines + 1)
        #expect(throws: SMTPConnectionError.self) { try Self.parse(lines) }
    }

    @Test func ehloSaysWhatTheServerOffers() {
        let capabilities = SMTPCapabilities(
            ehlo: SMTPReply(code: 250, lines: ["mail.example.org greets you", "SIZE 10240000", "auth login Plain", "STARTTLS", "8BITMIME"])
        )
        #expect(capabilities.offersStartTLS)
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN"])
        #expect(capabilities.keywords == ["SIZE", "AUTH", "STARTTLS", "8BITMIME"])
        #expect(!SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["STARTTLS is only in the greeting"])).offersStartTLS)
    }
}
