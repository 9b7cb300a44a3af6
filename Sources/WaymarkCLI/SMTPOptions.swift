import ArgumentParser
import Foundation
import WaymarkMail

/// `--smtp-host` and the rest: the mail server Waymark sends email through, each also from the
/// environment. The password never comes from an option (options show in `ps` and in shell
/// history): only from WAYMARK_SMTP_PASSWORD or a file.
struct SMTPOptions: ParsableArguments {
    @Option(
        name: .customLong("smtp-host"),
        help: "The mail server to send email through, like smtp.example.org (or WAYMARK_SMTP_HOST). Without it no email is sent."
    )
    var host: String?

    @Option(name: .customLong("smtp-port"), help: "Its port (default 587 with starttls, 465 with tls, 25 with none; or WAYMARK_SMTP_PORT).")
    var port: Int?

    @Option(
        name: .customLong("smtp-security"),
        help: "How the connection is protected: starttls (the default), tls (from the first byte), or none (or WAYMARK_SMTP_SECURITY)."
    )
    var security: String?

    @Option(
        name: .customLong("smtp-user"),
        help:
            "The user name for the mail server, if it asks for one (or WAYMARK_SMTP_USER). The password comes from WAYMARK_SMTP_PASSWORD or --smtp-password-file."
    )
    var user: String?

    @Option(name: .customLong("smtp-password-file"), help: "A file whose first line is the mail server's password (or WAYMARK_SMTP_PASSWORD_FILE).")
    var passwordFile: String?

    @Option(name: .customLong("mail-from"), help: "The address email comes from, like waymark@example.org (or WAYMARK_MAIL_FROM).")
    var fromAddress: String?

    @Option(name: .customLong("mail-from-name"), help: "The name shown beside that address (default Waymark, or WAYMARK_MAIL_FROM_NAME).")
    var fromName: String?

    @Option(
        name: .customLong("smtp-helo-name"),
        help: "The name Waymark gives itself when it greets the mail server (default the domain of --mail-from, or WAYMARK_SMTP_HELO_NAME)."
    )
    var heloName: String?

    @Option(
        name: .customLong("smtp-ca-file"),
        help:
            "A PEM file of certificate authorities to trust beside the system's, for a mail server with a certificate of its own (or WAYMARK_SMTP_CA_FILE)."
    )
    var caFile: String?

    @Flag(
        name: .customLong("smtp-allow-unencrypted-password"),
        help:
            "Allow the password over a connection with --smtp-security none (or WAYMARK_SMTP_ALLOW_UNENCRYPTED_PASSWORD=1). Only for a mail server on this machine."
    )
    var allowUnencryptedPassword = false

    func validate() throws {
        _ = try settings()
    }

    /// The transport the settings describe, or nil when no mail server is set.
    func transport() throws -> (any MailTransport)? {
        try settings().map { SMTPTransport(settings: $0) }
    }

    /// The settings from the options and the environment, checked; nil when no mail server is set.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SMTPSettings? {
        let host = host ?? environment["WAYMARK_SMTP_HOST"].flatMap { $0.isEmpty ? nil : $0 }
        guard let host else {
            let given = [
                ("--smtp-port", port != nil), ("--smtp-user", user != nil), ("--smtp-password-file", passwordFile != nil),
                ("--mail-from", fromAddress != nil), ("--smtp-ca-file", caFile != nil), ("--smtp-security", security != nil),
            ]
            if let (option, _) = given.first(where: { $0.1 }) {
                throw ValidationError("\(option) is given but --smtp-host is not. Give the mail server with --smtp-host (or WAYMARK_SMTP_HOST).")
            }
            return nil
        }
        let securityName = security ?? environment["WAYMARK_SMTP_SECURITY"] ?? "starttls"
        guard let security = SMTPSettings.Security(rawValue: securityName.lowercased()) else {
            throw ValidationError("Unknown --smtp-security '\(securityName)'. Use starttls, tls or none.")
        }
        if port == nil, let text = environment["WAYMARK_SMTP_PORT"], Int(text) == nil {
            throw ValidationError("WAYMARK_SMTP_PORT must be a number.")
        }
        guard let fromAddress = fromAddress ?? environment["WAYMARK_MAIL_FROM"] else {
            throw ValidationError("Give the address email comes from with --mail-from (or WAYMARK_MAIL_FROM), like waymark@example.org.")
        }
        do {
            return try SMTPSettings(
                host: host,
                port: port ?? environment["WAYMARK_SMTP_PORT"].flatMap(Int.init),
                security: security,
                credentials: try credentials(environment: environment),
                allowsPasswordWithoutEncryption: allowUnencryptedPassword || environment["WAYMARK_SMTP_ALLOW_UNENCRYPTED_PASSWORD"] == "1",
                fromAddress: fromAddress,
                fromName: fromName ?? environment["WAYMARK_MAIL_FROM_NAME"] ?? "Waymark",
                heloName: heloName ?? environment["WAYMARK_SMTP_HELO_NAME"],
                extraCAFile: caFile ?? environment["WAYMARK_SMTP_CA_FILE"]
            )
        } catch let error as SMTPSettingsError {
            throw ValidationError(error.description)
        }
    }

    private func credentials(environment: [String: String]) throws -> SMTPSettings.Credentials? {
        let user = user ?? environment["WAYMARK_SMTP_USER"]
        let file = passwordFile ?? environment["WAYMARK_SMTP_PASSWORD_FILE"]
        let fromEnvironment = environment["WAYMARK_SMTP_PASSWORD"]
        if file != nil, fromEnvironment != nil {
            throw ValidationError("Give the mail server's password one way: WAYMARK_SMTP_PASSWORD or --smtp-password-file, not both.")
        }
        var password = fromEnvironment
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("Cannot read the mail server's password from '\(file)': the file must exist and be readable by Waymark.")
            }
            password = Self.firstLine(of: text)
        }
        switch (user, password) {
        case (nil, nil): return nil
        case (let user?, let password?) where !password.isEmpty: return SMTPSettings.Credentials(user: user, password: password)
        case (_?, _): throw ValidationError("--smtp-user is given but no password: set WAYMARK_SMTP_PASSWORD or give --smtp-password-file.")
        case (nil, _?): throw ValidationError("A mail server password is given but no user: give --smtp-user (or WAYMARK_SMTP_USER).")
        }
    }

    /// The first line, without its line ending (a file written by `echo` ends in one).
    private static func firstLine(of text: String) -> String {
        String(text.prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" })
    }
}
