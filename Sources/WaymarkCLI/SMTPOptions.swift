import ArgumentParser
import Foundation
import WaymarkMail

/// `--smtp-host` and the rest: the mail server Waymark sends email through, each also from the
/// environment. The password never comes from an option (options show in `ps` and in shell
/// history): only from WAYMARK_SMTP_PASSWORD or a file.
struct SMTPOptions: ParsableArguments {
    @Option(name: .customLong("smtp-host"), help: WaymarkSettings.smtpHost.argumentHelp)
    var host: String?

    @Option(name: .customLong("smtp-port"), help: WaymarkSettings.smtpPort.argumentHelp)
    var port: Int?

    @Option(name: .customLong("smtp-security"), help: WaymarkSettings.smtpSecurity.argumentHelp)
    var security: String?

    @Option(name: .customLong("smtp-user"), help: WaymarkSettings.smtpUser.argumentHelp)
    var user: String?

    @Option(name: .customLong("smtp-password-file"), help: WaymarkSettings.smtpPasswordFile.argumentHelp)
    var passwordFile: String?

    @Option(name: .customLong("mail-from"), help: WaymarkSettings.mailFrom.argumentHelp)
    var fromAddress: String?

    @Option(name: .customLong("mail-from-name"), help: WaymarkSettings.mailFromName.argumentHelp)
    var fromName: String?

    @Option(name: .customLong("smtp-helo-name"), help: WaymarkSettings.smtpHeloName.argumentHelp)
    var heloName: String?

    @Option(name: .customLong("smtp-ca-file"), help: WaymarkSettings.smtpCAFile.argumentHelp)
    var caFile: String?

    @Flag(name: .customLong("smtp-allow-unencrypted-password"), help: WaymarkSettings.smtpAllowUnencryptedPassword.argumentHelp)
    var allowUnencryptedPassword = false

    func validate() throws {
        _ = try settings()
    }

    /// The transport the settings describe, or nil when no mail server is set.
    func transport() throws -> (any MailTransport)? {
        try settings().map { SMTPTransport(settings: $0) }
    }

    /// These options as settings: each flag given, by its setting.
    var flags: [GivenFlag] {
        [
            (WaymarkSettings.smtpHost, host), (WaymarkSettings.smtpPort, port.map(String.init)), (WaymarkSettings.smtpSecurity, security),
            (WaymarkSettings.smtpUser, user), (WaymarkSettings.smtpPasswordFile, passwordFile), (WaymarkSettings.mailFrom, fromAddress),
            (WaymarkSettings.mailFromName, fromName), (WaymarkSettings.smtpHeloName, heloName), (WaymarkSettings.smtpCAFile, caFile),
            (WaymarkSettings.smtpAllowUnencryptedPassword, allowUnencryptedPassword ? "1" : nil),
        ]
    }

    /// The settings from the options and the environment, checked; nil when no mail server is set.
    func settings(_ settings: WaymarkSettings? = nil) throws -> SMTPSettings? {
        let settings = settings ?? WaymarkSettings(flags: flags)
        guard let host = try settings.value(WaymarkSettings.smtpHost) else {
            let given = [
                ("--smtp-port", port != nil), ("--smtp-user", user != nil), ("--smtp-password-file", passwordFile != nil),
                ("--mail-from", fromAddress != nil), ("--smtp-ca-file", caFile != nil), ("--smtp-security", security != nil),
            ]
            if let (option, _) = given.first(where: { $0.1 }) {
                throw ValidationError("\(option) is given but --smtp-host is not. Give the mail server with --smtp-host (or WAYMARK_SMTP_HOST).")
            }
            return nil
        }
        let securityName = settings.text(WaymarkSettings.smtpSecurity)
        guard let security = SMTPSettings.Security(rawValue: securityName.lowercased()) else {
            throw ValidationError("Unknown --smtp-security '\(securityName)'. Use starttls, tls or none.")
        }
        let port = try settings.value(WaymarkSettings.smtpPort)
        guard let fromAddress = try settings.value(WaymarkSettings.mailFrom) else {
            throw ValidationError("Give the address email comes from with --mail-from (or WAYMARK_MAIL_FROM), like waymark@example.org.")
        }
        do {
            return try SMTPSettings(
                host: host,
                port: port,
                security: security,
                credentials: try credentials(settings),
                allowsPasswordWithoutEncryption: try settings.value(WaymarkSettings.smtpAllowUnencryptedPassword),
                fromAddress: fromAddress,
                fromName: settings.text(WaymarkSettings.mailFromName),
                heloName: try settings.value(WaymarkSettings.smtpHeloName),
                extraCAFile: try settings.value(WaymarkSettings.smtpCAFile)
            )
        } catch let error as SMTPSettingsError {
            throw ValidationError(error.description)
        }
    }

    private func credentials(_ settings: WaymarkSettings) throws -> SMTPSettings.Credentials? {
        let user = try settings.value(WaymarkSettings.smtpUser)
        let file = try settings.value(WaymarkSettings.smtpPasswordFile)
        let fromEnvironment = try settings.value(WaymarkSettings.smtpPassword)
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
