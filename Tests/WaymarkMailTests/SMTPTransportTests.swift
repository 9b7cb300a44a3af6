import Foundation
import Testing

@testable import WaymarkMail

/// Whole conversations with the fake server on loopback: what is sent, and how each way a
/// server can fail becomes "try later" or "never".
@Suite struct SMTPTransportTests {
    static let message = MailMessage(
        to: "jo@example.org",
        subject: "Your next step",
        plainText: "Hello Jo,\n.hidden\nYour next step is ready.",
        html: "<p>Hello Jo,</p>",
        messageID: "outbox-7"
    )

    static func settings(
        port: Int,
        security: SMTPSettings.Security = .none,
        credentials: SMTPSettings.Credentials? = nil,
        allowsPasswordWithoutEncryption: Bool = false
    ) throws -> SMTPSettings {
        try SMTPSettings(
            host: "127.0.0.1",
            port: port,
            security: security,
            credentials: credentials,
            allowsPasswordWithoutEncryption: allowsPasswordWithoutEncryption,
            fromAddress: "waymark@northside.example",
            heloName: "waymark.test",
            connectTimeout: .seconds(2),
            replyTimeout: .milliseconds(400)
        )
    }

    /// Sends `message` to a fake server answering as `answer` says; what was thrown, if anything,
    /// and what the server was sent.
    static func converse(
        greeting: String? = "220 fake.test ESMTP ready",
        security: SMTPSettings.Security = .none,
        credentials: SMTPSettings.Credentials? = nil,
        allowsPasswordWithoutEncryption: Bool = false,
        message: MailMessage = message,
        answer: @escaping @Sendable (String) -> String? = FakeSMTPServer.standard
    ) async throws -> (error: MailDeliveryError?, transcript: Transcript) {
        let server = try await FakeSMTPServer.start(greeting: greeting, answer: answer)
        let settings = try settings(
            port: server.port,
            security: security,
            credentials: credentials,
            allowsPasswordWithoutEncryption: allowsPasswordWithoutEncryption
        )
        do {
            try await SMTPTransport(settings: settings, now: { Date(timeIntervalSince1970: 1_796_146_101) }).send(message)
            await server.stop()
            return (nil, server.transcript)
        } catch let error as MailDeliveryError {
            await server.stop()
            return (error, server.transcript)
        }
    }

    /// `standard`, but `verb` is answered with `reply`.
    static func answering(_ verb: String, with reply: String?) -> @Sendable (String) -> String? {
        { line in FakeSMTPServer.verb(line) == verb ? reply : FakeSMTPServer.standard(line) }
    }

    @Test func aMessageIsDeliveredWithEveryStepInOrder() async throws {
        let (error, transcript) = try await Self.converse()
        #expect(error == nil)
        #expect(transcript.commands == ["EHLO waymark.test", "MAIL FROM:<waymark@northside.example>", "RCPT TO:<jo@example.org>", "DATA", "QUIT"])
        #expect(transcript.data.hasPrefix("Date: Tue, 01 Dec 2026 17:28:21 +0000\r\n"))
        #expect(transcript.data.contains("\r\nSubject: Your next step\r\n"))
        #expect(transcript.data.contains("\r\nMessage-ID: <outbox-7@northside.example>\r\n"))
        #expect(transcript.data.contains("\r\nHello Jo,\r\n..hidden\r\n"), "dot-stuffed on the wire")
        #expect(transcript.data.hasSuffix("--=_waymark-alternative--"))
    }

    @Test func multiLineRepliesAreReadWhole() async throws {
        let (error, transcript) = try await Self.converse(greeting: "220-fake.test ESMTP\r\n220-Be kind.\r\n220 Ready")
        #expect(error == nil)
        #expect(transcript.verbs == ["EHLO", "MAIL", "RCPT", "DATA", "QUIT"])
    }

    @Test func aServerThatDoesNotKnowEHLOIsGreetedWithHELO() async throws {
        let (error, transcript) = try await Self.converse(answer: Self.answering("EHLO", with: "500 5.5.1 Command unrecognized"))
        #expect(error == nil)
        #expect(transcript.commands.prefix(2) == ["EHLO waymark.test", "HELO waymark.test"])
    }

    @Test func aRefusedRecipientIsPermanentAndSaysWhy() async throws {
        let (error, transcript) = try await Self.converse(answer: Self.answering("RCPT", with: "550 5.1.1 No such person here"))
        guard case .permanent(let reason) = error else {
            Issue.record("expected permanent, got \(String(describing: error))")
            return
        }
        #expect(
            reason
                == "The mail server 127.0.0.1:\(reason.portNumber) (no encryption) answered 550 5.1.1 No such person here to the address jo@example.org."
        )
        #expect(!transcript.verbs.contains("DATA"))
    }

    @Test func aMessageRefusedAfterItsWordsIsPermanent() async throws {
        let (error, _) = try await Self.converse(answer: Self.answering(".", with: "554 5.6.0 Message rejected"))
        guard case .permanent(let reason) = error else {
            Issue.record("expected permanent, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("554 5.6.0 Message rejected to the message"))
    }

    @Test func aBusyServerIsTemporary() async throws {
        for verb in ["MAIL", "RCPT", "DATA", "."] {
            let (error, _) = try await Self.converse(answer: Self.answering(verb, with: "451 4.3.0 Try again later"))
            guard case .temporary(let reason) = error else {
                Issue.record("\(verb): \(String(describing: error))")
                continue
            }
            #expect(reason.contains("451 4.3.0 Try again later") && reason.hasSuffix("it may work later."), "\(reason)")
        }
        let (refused, _) = try await Self.converse(greeting: "421 4.3.2 Too busy, come back later")
        guard case .temporary = refused else {
            Issue.record("a 421 greeting: \(String(describing: refused))")
            return
        }
    }

    /// A 5xx about the settings (the from address, EHLO) is the same for every message: not a
    /// reason to give up on this one.
    @Test func aRefusalOfTheSettingsIsTemporary() async throws {
        let (mailFrom, _) = try await Self.converse(answer: Self.answering("MAIL", with: "553 5.7.1 Sender not allowed"))
        guard case .temporary(let reason) = mailFrom else {
            Issue.record("\(String(describing: mailFrom))")
            return
        }
        #expect(reason.contains("553 5.7.1 Sender not allowed to the from address waymark@northside.example"))
    }

    /// "did not answer ... in time" comes only from the reply's time limit firing; the test's own
    /// limit is there so a client that waited for ever would fail rather than hang the suite. (Not
    /// a bound in seconds: on a loaded two-core machine the whole test process can stall for one.)
    @Test(.timeLimit(.minutes(3))) func aSilentServerTimesOutAsTemporary() async throws {
        let (error, _) = try await Self.converse(greeting: nil)
        guard case .temporary(let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reason.contains("did not answer with its greeting in time"), "\(reason)")
    }

    @Test(.timeLimit(.minutes(3))) func aServerGoingSilentMidwayTimesOutAsTemporary() async throws {
        let (error, transcript) = try await Self.converse(answer: Self.answering(".", with: nil))
        guard case .temporary(let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reason.contains("did not answer the end of the message in time"), "\(reason)")
        #expect(!transcript.verbs.contains("QUIT"))
    }

    @Test func aServerThatHangsUpOrTalksNonsenseIsTemporary() async throws {
        let (nonsense, _) = try await Self.converse(answer: Self.answering("MAIL", with: "hello there"))
        guard case .temporary(let reason) = nonsense else {
            Issue.record("\(String(describing: nonsense))")
            return
        }
        #expect(reason.contains("was not SMTP: 'hello there'"))
        let (hungUp, _) = try await Self.converse(answer: Self.answering("RCPT", with: FakeSMTPServer.hangUp))
        guard case .temporary(let closed) = hungUp else {
            Issue.record("\(String(describing: hungUp))")
            return
        }
        #expect(closed.contains("the server closed the connection"), "\(closed)")
    }

    @Test func noServerAtTheAddressIsTemporary() async throws {
        let server = try await FakeSMTPServer.start()
        let port = server.port
        await server.stop()
        do {
            try await SMTPTransport(settings: Self.settings(port: port)).send(Self.message)
            Issue.record("sent to nobody")
        } catch let error as MailDeliveryError {
            guard case .temporary(let reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(reason.contains("could not connect"), "\(reason)")
        }
    }

    /// The settings ask for STARTTLS: a server that does not offer it (or someone on the way
    /// who removed it) gets nothing, not the message in the clear.
    @Test func withoutSTARTTLSOnOfferNothingIsSent() async throws {
        let (error, transcript) = try await Self.converse(security: .startTLS)
        guard case .temporary(let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reason.contains("does not offer STARTTLS, so nothing was sent"))
        #expect(transcript.verbs == ["EHLO"])
    }

    /// Words sent after the server's "go ahead" but before TLS could have been added by someone on
    /// the way; they are never read as the server's answer over TLS.
    @Test func wordsSlippedInBeforeTLSEndTheConnection() async throws {
        let (error, transcript) = try await Self.converse(security: .startTLS) { line in
            switch FakeSMTPServer.verb(line) {
            case "EHLO": "250-fake.test\r\n250 STARTTLS"
            case "STARTTLS": "220 2.0.0 Ready to start TLS\r\n250-fake.test\r\n250 AUTH PLAIN"
            default: FakeSMTPServer.standard(line)
            }
        }
        guard case .temporary(let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reason.contains("sent more before TLS began"), "\(reason)")
        #expect(transcript.verbs == ["EHLO", "STARTTLS"])
    }

    @Test func aPasswordIsNeverSentUnencryptedUnlessAllowedByName() async throws {
        let credentials = SMTPSettings.Credentials(user: "waymark", password: "correct horse")
        #expect(throws: SMTPSettingsError.self) { try Self.settings(port: 25, security: .none, credentials: credentials) }
        do {
            _ = try Self.settings(port: 25, security: .none, credentials: credentials)
        } catch {
            #expect(String(describing: error).contains("the password would cross the network"))
        }
        let (error, transcript) = try await Self.converse(credentials: credentials, allowsPasswordWithoutEncryption: true)
        #expect(error == nil)
        let plain = Data("\0waymark\0correct horse".utf8).base64EncodedString()
        #expect(transcript.commands.contains("AUTH PLAIN \(plain)"))
    }

    @Test func authLoginIsUsedWhenPlainIsNotOffered() async throws {
        let credentials = SMTPSettings.Credentials(user: "waymark", password: "correct horse")
        let (error, transcript) = try await Self.converse(credentials: credentials, allowsPasswordWithoutEncryption: true) { line in
            switch FakeSMTPServer.verb(line) {
            case "EHLO": "250-fake.test\r\n250 AUTH LOGIN"
            case "AUTH": "334 VXNlcm5hbWU6"
            case Data("waymark".utf8).base64EncodedString().uppercased(): "334 UGFzc3dvcmQ6"
            case Data("correct horse".utf8).base64EncodedString().uppercased(): "235 2.7.0 Authentication successful"
            default: FakeSMTPServer.standard(line)
            }
        }
        #expect(error == nil)
        #expect(
            transcript.commands.prefix(4)
                == ["EHLO waymark.test", "AUTH LOGIN", Data("waymark".utf8).base64EncodedString(), Data("correct horse".utf8).base64EncodedString()]
        )
    }

    /// A wrong password is the settings' fault, the same for every message: try later, once fixed.
    @Test func aRefusedPasswordIsTemporaryAndNamesTheUser() async throws {
        let credentials = SMTPSettings.Credentials(user: "waymark", password: "wrong")
        let (error, transcript) = try await Self.converse(
            credentials: credentials,
            allowsPasswordWithoutEncryption: true,
            answer: Self.answering("AUTH", with: "535 5.7.8 Authentication credentials invalid")
        )
        guard case .temporary(let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reason.contains("535 5.7.8 Authentication credentials invalid to the user name and password for waymark"))
        #expect(!reason.contains("wrong"), "the password is never in a message")
        #expect(!transcript.verbs.contains("MAIL"))
    }

    @Test func aMessageThatCannotBeEncodedIsPermanentAndNeverSent() async throws {
        let injected = MailMessage(to: "jo@example.org", subject: "Hi\r\nBcc: all@example.org", plainText: "x", html: "x", messageID: "1")
        let (error, transcript) = try await Self.converse(message: injected)
        #expect(error == .permanent(MailEncodingError.lineBreakInHeader(field: "Subject").description))
        #expect(transcript.commands.isEmpty)
    }
}

extension String {
    /// The port in "127.0.0.1:PORT (...)", so a message can be compared whole.
    fileprivate var portNumber: String {
        guard let colon = range(of: "127.0.0.1:") else { return "" }
        return String(self[colon.upperBound...].prefix { $0.isNumber })
    }
}
