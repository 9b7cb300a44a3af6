import Foundation
import NIOSSL

/// Where and how to hand messages to a mail server, checked once when made: settings that
/// exist are settings that can be used, so a mistake stops `waymark serve` at start-up rather
/// than failing each message later.
public struct SMTPSettings: Sendable {
    /// How the connection is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// Nothing: the words and any password cross the network readable. For a relay on the
        /// same machine or a test server only.
        case none
        /// Start unencrypted, then ask the server to switch to TLS (STARTTLS) before anything
        /// else is said. Refused if the server does not offer it: never a quiet fall back.
        case startTLS = "starttls"
        /// TLS from the first byte ("implicit TLS", often port 465).
        case tls

        /// The port mail servers usually listen on for each.
        public var defaultPort: Int {
            switch self {
            case .none: 25
            case .startTLS: 587
            case .tls: 465
            }
        }
    }

    /// A user name and password for AUTH. The password is never part of any description.
    public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
        public let user: String
        public let password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }

        public var description: String { "\(user) (password hidden)" }
        public var debugDescription: String { description }
    }

    public let host: String
    public let port: Int
    public let security: Security
    public let credentials: Credentials?
    /// Allows sending the password over a connection without TLS. Off unless asked for by name.
    public let allowsPasswordWithoutEncryption: Bool
    /// The address messages come from (the envelope sender and the From header).
    public let fromAddress: String
    /// The name shown beside the from address, like "Northside Mentoring".
    public let fromName: String
    /// The name this machine gives itself in EHLO or HELO.
    public let heloName: String
    /// Extra certificate authorities to trust beside the system's, for a private mail server.
    public let extraCAFile: String?
    let extraCertificates: [NIOSSLCertificate]
    /// How long to wait for the connection to open.
    public let connectTimeout: Duration
    /// How long to wait for each answer from the server, so a silent server never stalls the sender.
    public let replyTimeout: Duration

    static let longestTimeout = Duration.seconds(3_600)

    public init(
        host: String,
        port: Int? = nil,
        security: Security = .startTLS,
        credentials: Credentials? = nil,
        allowsPasswordWithoutEncryption: Bool = false,
        fromAddress: String,
        fromName: String = "Waymark",
        heloName: String? = nil,
        extraCAFile: String? = nil,
        connectTimeout: Duration = .seconds(15),
        replyTimeout: Duration = .seconds(60)
    ) throws(SMTPSettingsError) {
        let port = port ?? security.defaultPort
        // Letters, digits, dots, dashes and underscores for a name; colons for an IPv6 address.
        let hostCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:")
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ hostCharacters.contains($0) }) else {
            throw SMTPSettingsError("'\(host)' is not a mail server's name or address. Give a name like smtp.example.org, or an IP address.")
        }
        guard (1...65_535).contains(port) else { throw SMTPSettingsError("The mail server's port must be between 1 and 65535.") }
        if let problem = MailAddress.problem(fromAddress) {
            throw SMTPSettingsError("The from address '\(fromAddress)' cannot be used: \(problem).")
        }
        guard !HeaderValue.hasLineBreak(fromName) else { throw SMTPSettingsError("The from name must be on one line.") }
        let heloName = heloName ?? MailAddress.domain(of: fromAddress)
        guard !heloName.isEmpty, heloName.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            throw SMTPSettingsError("The name to greet the server with (HELO) must be letters, digits, dots and dashes, like waymark.example.org.")
        }
        if let credentials {
            guard !credentials.user.isEmpty, !credentials.password.isEmpty else {
                throw SMTPSettingsError("Give both a user name and a password for the mail server, or neither.")
            }
            guard !credentials.user.contains("\0"), !credentials.password.contains("\0") else {
                throw SMTPSettingsError("The mail server's user name and password cannot contain a NUL character.")
            }
            if security == .none, !allowsPasswordWithoutEncryption {
                throw SMTPSettingsError(
                    "With no encryption (security 'none') the password would cross the network where anyone on the way can read it. Use starttls or tls, or allow it by name if the server is on this machine."
                )
            }
        }
        for (name, timeout) in [("connect", connectTimeout), ("reply", replyTimeout)] where timeout <= .zero || timeout > Self.longestTimeout {
            throw SMTPSettingsError("The \(name) timeout must be more than 0 and at most an hour.")
        }
        var extraCertificates: [NIOSSLCertificate] = []
        if let extraCAFile {
            do {
                extraCertificates = try NIOSSLCertificate.fromPEMFile(extraCAFile)
            } catch {
                throw SMTPSettingsError("Cannot read certificates from the CA file '\(extraCAFile)': it must be readable and hold PEM certificates.")
            }
            guard !extraCertificates.isEmpty else {
                throw SMTPSettingsError("The CA file '\(extraCAFile)' holds no certificates (it needs -----BEGIN CERTIFICATE----- blocks).")
            }
        }
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.allowsPasswordWithoutEncryption = allowsPasswordWithoutEncryption
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.heloName = heloName
        self.extraCAFile = extraCAFile
        self.extraCertificates = extraCertificates
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// "smtp.example.org:587 (STARTTLS)", for messages to the person running Waymark.
    public var summary: String {
        let protection =
            switch security {
            case .none: "no encryption"
            case .startTLS: "STARTTLS"
            case .tls: "TLS"
            }
        return "\(host):\(port) (\(protection))"
    }
}

/// Settings that cannot be used, with what to give instead.
public struct SMTPSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
