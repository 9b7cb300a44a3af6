import Foundation

/// What is said over one connection to deliver one message: greeting, EHLO (or HELO),
/// STARTTLS and EHLO again, AUTH, MAIL FROM, RCPT TO, DATA, QUIT.
///
/// A refusal is temporary or permanent by what it is about. 4xx is always "later". 5xx is
/// permanent only for the steps about this message (its address and its words): a 5xx to EHLO,
/// AUTH or MAIL FROM is about the settings or the server, the same for every message, and
/// calling it permanent would throw away every message until someone fixed the settings.
struct SMTPConversation {
    let settings: SMTPSettings

    private enum Step {
        /// About the connection or the settings: the same for every message.
        case session(String)
        /// About this message: its address or its words.
        case message(String)

        var words: String {
            switch self {
            case .session(let words), .message(let words): words
            }
        }
    }

    func deliver(_ data: [UInt8], to recipient: String, over connection: inout SMTPConnection) async throws {
        try check(await connection.reply(to: "with its greeting"), is: [220], at: .session("its greeting"))
        var capabilities = try await greet(connection)
        if settings.security == .startTLS {
            guard capabilities.offersStartTLS else {
                throw MailDeliveryError.temporary(
                    "The mail server \(settings.summary) does not offer STARTTLS, so nothing was sent: the settings ask for an encrypted connection. Use --smtp-security tls if it expects TLS from the start."
                )
            }
            try check(await connection.startTLS(), is: [220], at: .session("STARTTLS"))
            capabilities = try await greet(connection)
        }
        if let credentials = settings.credentials {
            try await authenticate(credentials, capabilities: capabilities, over: connection)
        }
        try check(
            await connection.send("MAIL FROM:<\(settings.fromAddress)>", step: "MAIL FROM"),
            is: [250],
            at: .session("the from address \(settings.fromAddress)")
        )
        try check(await connection.send("RCPT TO:<\(recipient)>", step: "RCPT TO"), is: [250, 251], at: .message("the address \(recipient)"))
        try check(await connection.send("DATA", step: "DATA"), is: [354], at: .message("the message (DATA)"))
        try check(await connection.write(data, step: "the end of the message"), is: [250], at: .message("the message"))
        // Accepted: whatever QUIT gets, the message is on its way and must not be sent again.
        _ = try? await connection.send("QUIT", step: "QUIT")
    }

    /// EHLO, or HELO from a server too old for EHLO; what the server offers.
    private func greet(_ connection: SMTPConnection) async throws -> SMTPCapabilities {
        let ehlo = try await connection.send("EHLO \(settings.heloName)", step: "EHLO")
        if ehlo.code == 250 { return SMTPCapabilities(ehlo: ehlo) }
        guard (500..<600).contains(ehlo.code) else {
            try check(ehlo, is: [250], at: .session("EHLO"))
            return SMTPCapabilities()
        }
        try check(await connection.send("HELO \(settings.heloName)", step: "HELO"), is: [250], at: .session("HELO"))
        return SMTPCapabilities()
    }

    private func authenticate(_ credentials: SMTPSettings.Credentials, capabilities: SMTPCapabilities, over connection: SMTPConnection) async throws {
        guard connection.isEncrypted || settings.allowsPasswordWithoutEncryption else {
            throw MailDeliveryError.temporary("The connection to \(settings.summary) is not encrypted, so the password was not sent.")
        }
        let step = Step.session("the user name and password for \(credentials.user)")
        if capabilities.authMechanisms.contains("PLAIN") {
            let initial = Data("\0\(credentials.user)\0\(credentials.password)".utf8).base64EncodedString()
            try check(await connection.send("AUTH PLAIN \(initial)", step: "AUTH"), is: [235], at: step)
        } else if capabilities.authMechanisms.contains("LOGIN") {
            try check(await connection.send("AUTH LOGIN", step: "AUTH"), is: [334], at: step)
            try check(await connection.send(Data(credentials.user.utf8).base64EncodedString(), step: "AUTH"), is: [334], at: step)
            try check(await connection.send(Data(credentials.password.utf8).base64EncodedString(), step: "AUTH"), is: [235], at: step)
        } else {
            let offered = capabilities.authMechanisms.sorted().joined(separator: " ")
            throw MailDeliveryError.temporary(
                "The mail server \(settings.summary) does not offer AUTH PLAIN or LOGIN for the user name and password"
                    + (offered.isEmpty ? " (it offers no AUTH at all)." : " (it offers \(offered)).")
            )
        }
    }

    private func check(_ reply: SMTPReply, is expected: Set<Int>, at step: Step) throws {
        guard !expected.contains(reply.code) else { return }
        let said = "The mail server \(settings.summary) answered \(reply.summary) to \(step.words)"
        if reply.isTemporaryFailure { throw MailDeliveryError.temporary(said + "; it may work later.") }
        if (500..<600).contains(reply.code), case .message = step { throw MailDeliveryError.permanent(said + ".") }
        throw MailDeliveryError.temporary(said + ".")
    }
}
