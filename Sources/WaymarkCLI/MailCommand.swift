import ArgumentParser
import Foundation
import WaymarkMail

/// `waymark mail ...`: email.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Email: check the mail server settings.",
        subcommands: [TestMail.self]
    )
}

/// `waymark mail test --to ADDRESS`: one message through the mail server, with the same
/// settings `serve` takes, to find out before anyone relies on it whether email gets out.
struct TestMail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send one test message with the mail settings and say whether the mail server took it.",
        discussion: "Give the same --smtp-... options (or WAYMARK_SMTP_... variables) as for 'waymark serve'."
    )

    @Option(help: "The address to send the test message to.")
    var to: String

    @OptionGroup var mail: SMTPOptions

    func run() async throws {
        guard let settings = try mail.settings() else {
            throw ValidationError("There is no mail server to test. Give it with --smtp-host (or WAYMARK_SMTP_HOST) and --mail-from.")
        }
        // Written at once, not buffered, so in a log it comes before whatever went wrong.
        FileHandle.standardOutput.write(Data("Sending a test message to \(to) through \(settings.summary) ...\n".utf8))
        do {
            try await SMTPTransport(settings: settings).send(Self.message(to: to))
        } catch MailDeliveryError.temporary(let reason) {
            throw CommandFailure("Not sent. \(reason)\nWaymark's own messages are kept when this happens, and tried again later.")
        } catch MailDeliveryError.permanent(let reason) {
            throw CommandFailure("Not sent. \(reason)\nThe mail server refused this message for good: check the address.")
        }
        print("Sent: the mail server accepted the test message for \(to). If it has not arrived in a few minutes, look in the spam folder.")
    }

    static func message(to address: String) -> MailMessage {
        let words = [
            "This is a test message from Waymark.",
            "If you can read it, email from Waymark reaches this address. You do not need to do anything.",
        ]
        return MailMessage(
            to: address,
            subject: "Waymark test message",
            plainText: words.joined(separator: "\n\n"),
            html: words.map { "<p>\($0)</p>" }.joined(separator: "\n"),
            messageID: "test-\(UUID().uuidString.lowercased())"
        )
    }
}
