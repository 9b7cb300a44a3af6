import Foundation

/// The mail server Waymark sends email through, and how its emails are signed off.
extension WaymarkSettings {
    static let smtpHost = Setting<String?>(
        flag: "--smtp-host",
        variable: "WAYMARK_SMTP_HOST",
        help: "The mail server to send email through, like smtp.example.org. Without it no email is sent.",
        default: nil,
        // An empty variable is one left unset; an empty flag is a mistake the settings check names.
        read: { text, origin in text.isEmpty && !origin.hasPrefix("--") ? nil : text }
    )

    static let smtpPort = Setting<Int?>(
        flag: "--smtp-port",
        variable: "WAYMARK_SMTP_PORT",
        help: "Its port (default 587 with starttls, 465 with tls, 25 with none).",
        default: nil,
        read: { text, origin in try SettingText.wholeNumber(text, origin) }
    )

    static let smtpSecurity = Setting(
        flag: "--smtp-security",
        variable: "WAYMARK_SMTP_SECURITY",
        help: "How the connection is protected: starttls (the default), tls (from the first byte), or none.",
        default: "starttls",
        read: SettingText.text
    )

    static let smtpUser = Setting<String?>(
        flag: "--smtp-user",
        variable: "WAYMARK_SMTP_USER",
        help: "The user name for the mail server, if it asks for one. The password comes from WAYMARK_SMTP_PASSWORD or --smtp-password-file.",
        default: nil,
        read: { text, _ in text }
    )

    static let smtpPassword = Setting<String?>(
        flag: nil,
        variable: "WAYMARK_SMTP_PASSWORD",
        help: "The mail server's password (never a flag: flags show in ps).",
        default: nil,
        read: { text, _ in text }
    )

    static let smtpPasswordFile = Setting<String?>(
        flag: "--smtp-password-file",
        variable: "WAYMARK_SMTP_PASSWORD_FILE",
        help: "A file whose first line is the mail server's password.",
        default: nil,
        read: { text, _ in text }
    )

    static let mailFrom = Setting<String?>(
        flag: "--mail-from",
        variable: "WAYMARK_MAIL_FROM",
        help: "The address email comes from, like waymark@example.org.",
        default: nil,
        read: { text, _ in text }
    )

    static let mailFromName = Setting(
        flag: "--mail-from-name",
        variable: "WAYMARK_MAIL_FROM_NAME",
        help: "The name shown beside that address (default Waymark).",
        default: "Waymark",
        read: SettingText.text
    )

    static let smtpHeloName = Setting<String?>(
        flag: "--smtp-helo-name",
        variable: "WAYMARK_SMTP_HELO_NAME",
        help: "The name Waymark gives itself when it greets the mail server (default the domain of --mail-from).",
        default: nil,
        read: { text, _ in text }
    )

    static let smtpCAFile = Setting<String?>(
        flag: "--smtp-ca-file",
        variable: "WAYMARK_SMTP_CA_FILE",
        help: "A PEM file of certificate authorities to trust beside the system's, for a mail server with a certificate of its own.",
        default: nil,
        read: { text, _ in text }
    )

    static let smtpAllowUnencryptedPassword = Setting(
        flag: "--smtp-allow-unencrypted-password",
        variable: "WAYMARK_SMTP_ALLOW_UNENCRYPTED_PASSWORD",
        help: "Allow the password over a connection with --smtp-security none. Only for a mail server on this machine.",
        default: false,
        read: SettingText.switchedOn
    )
}
