import ArgumentParser
import Foundation
import WaymarkWeb

/// Where the data and the curriculum are, the site's address and name, and its time zone:
/// settings `serve` shares with the other commands.
extension WaymarkSettings {
    static let data = Setting(
        flag: "--data",
        variable: "WAYMARK_DATA",
        help: "The data folder (default ./data).",
        default: "./data",
        read: SettingText.text
    )

    static let database = Setting<String?>(
        flag: "--database",
        variable: "WAYMARK_DATABASE_URL",
        help: "The database: postgres://user:password@host:port/name, or a .sqlite file (default waymark.sqlite in the data folder).",
        default: nil,
        read: { text, _ in text }
    )

    static let curriculum = Setting<String?>(
        flag: "--curriculum",
        variable: "WAYMARK_CURRICULUM",
        help: "A folder holding Curriculum/ and Assessments/ (default the bundled curriculum).",
        default: nil,
        read: { text, _ in text }
    )

    static let host = Setting(
        flag: "--host",
        variable: "WAYMARK_HOST",
        help: "The address to listen on (default 127.0.0.1).",
        default: "127.0.0.1",
        read: SettingText.text
    )

    static let port = Setting(
        flag: "--port",
        variable: "WAYMARK_PORT",
        help: "The port to listen on (default 8080).",
        default: 8080,
        read: SettingText.number(in: 1...65_535, outOfRange: "The port must be between 1 and 65535.")
    )

    static let baseURL = Setting<String?>(
        flag: "--base-url",
        variable: "WAYMARK_BASE_URL",
        help:
            "The site's public address, named in certificates and credentials (default http://HOST:PORT, where serve listens: http://127.0.0.1:8080 unless the host or the port is set).",
        default: nil,
        read: { text, _ in text }
    )

    static let issuerName = Setting(
        flag: "--issuer-name",
        variable: "WAYMARK_ISSUER_NAME",
        help: "The organisation named as issuer on certificates (default Waymark).",
        default: "Waymark",
        read: SettingText.text
    )

    static let issuerDID = Setting(
        flag: "--issuer-did",
        variable: "WAYMARK_ISSUER_DID",
        help: "Name the issuer by the did:web of the base URL, with its DID document at /.well-known/did.json; give the commands that sign the same.",
        default: false,
        read: SettingText.switchedOn
    )

    static let timeZone = Setting(
        flag: "--time-zone",
        variable: "WAYMARK_TIME_ZONE",
        help: "The organisation's time zone, in which pages, emails and the commands show dates, like Europe/Dublin (default Europe/London).",
        default: WebDates.standardTimeZone,
        read: { text, origin in
            guard let zone = TimeZone(identifier: text) else {
                throw ValidationError(
                    "\(origin) is '\(text)', which is not a time zone Waymark knows. Give a name like Europe/London or America/New_York."
                )
            }
            return zone
        }
    )

    /// The site's public address: the one given, else the address `serve` listens on. The
    /// commands that sign credentials use the same, so theirs name the same site as the server's.
    func siteAddress() throws -> String {
        try value(Self.baseURL) ?? WebAppConfiguration(host: text(Self.host), port: value(Self.port), secureCookies: false).baseURL
    }

    /// How the commands write dates, in the organisation's time zone.
    func dates() throws -> Dates {
        Dates(timeZone: try value(Self.timeZone))
    }
}
