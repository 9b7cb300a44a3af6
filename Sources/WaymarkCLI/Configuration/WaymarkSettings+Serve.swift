import ArgumentParser
import Foundation
import Logging
import WaymarkStore
import WaymarkWeb

/// The settings only `serve` reads: how it listens, keeps sessions, logs and is watched.
extension WaymarkSettings {
    static let secureCookies = Setting(
        flag: "--secure-cookies",
        variable: "WAYMARK_SECURE_COOKIES",
        help: "Mark cookies Secure; use when the site is served over HTTPS.",
        default: false,
        read: SettingText.switchedOn
    )

    static let trustedProxies = Setting<[String]>(
        flag: "--trusted-proxy",
        variable: "WAYMARK_TRUSTED_PROXIES",
        help:
            "Addresses of load balancers or proxies in front of Waymark; only requests from them may name the client in X-Forwarded-For (the variable takes them separated by spaces or commas).",
        default: [],
        read: { text, origin in
            let addresses = SettingText.list(text, origin)
            if let bad = addresses.first(where: { !ClientAddress.looksLikeAnAddress($0) }) {
                throw ValidationError("'\(bad)' is not an IP address. Give each trusted proxy by its address, like 10.0.0.5.")
            }
            return addresses
        }
    )

    static let sessionIdleMinutes = Setting(
        flag: "--session-idle-minutes",
        variable: "WAYMARK_SESSION_IDLE_MINUTES",
        help: "Minutes a signed-in session may go unused before it ends (default 120, at most 720; sessions end 12 hours after signing in anyway).",
        default: 120,
        read: SettingText.number(
            in: 1...720,
            notANumber: "must be a number of minutes.",
            outOfRange: "The session idle time must be from 1 to 720 minutes (12 hours, when every session ends anyway)."
        )
    )

    static let connectionIdleSeconds = Setting(
        flag: "--connection-idle-seconds",
        variable: "WAYMARK_CONNECTION_IDLE_SECONDS",
        help: "Seconds a connection may send nothing before it is closed, between requests or in the middle of one (default 30).",
        default: 30,
        read: SettingText.number(in: 1...3_600, outOfRange: "--connection-idle-seconds must be from 1 to 3600.")
    )

    static let maxConnections = Setting(
        flag: "--max-connections",
        variable: "WAYMARK_MAX_CONNECTIONS",
        help:
            "Connections served at once (default 1000; keep it below the open-file limit, ulimit -n). A tenth more are told to come back in a moment (503); beyond that they wait to be accepted.",
        default: 1_000,
        read: SettingText.number(in: 1...1_000_000, outOfRange: "--max-connections must be from 1 to 1000000.")
    )

    static let removeApplicantsAfterDays = Setting(
        flag: "--remove-applicants-after-days",
        variable: "WAYMARK_REMOVE_APPLICANTS_AFTER_DAYS",
        help:
            "Days after which an applicant who went no further than applying is erased, with the removal in the audit log (default 183, about 6 months; from 1 to 3650).",
        default: ApplicantRetention.defaultDays,
        read: SettingText.number(in: 1...3_650, outOfRange: "--remove-applicants-after-days must be from 1 to 3650.")
    )

    static let serverName = Setting<String?>(
        flag: "--server-name",
        variable: "WAYMARK_SERVER_NAME",
        help:
            "This server's name on the curriculum page, among the servers sharing a database (default the machine's name and a few random letters).",
        default: nil,
        read: { text, _ in
            guard !text.isEmpty, text.count <= 100, !text.contains(where: { $0.isNewline }) else {
                throw ValidationError("--server-name must be from 1 to 100 characters on one line.")
            }
            return text
        }
    )

    static let curriculumPollSeconds = Setting(
        flag: "--curriculum-poll-seconds",
        variable: "WAYMARK_CURRICULUM_POLL_SECONDS",
        help: "How often, in seconds, to look for a newer curriculum version stored by another server (default 5, at most 10).",
        default: 5,
        read: SettingText.number(
            in: 1...10,
            outOfRange: "--curriculum-poll-seconds must be from 1 to 10, so every server takes a new curriculum within 10 seconds."
        )
    )

    static let logLevel = Setting(
        flag: "--log-level",
        variable: "WAYMARK_LOG_LEVEL",
        help: "How much to log: trace, debug, info, notice, warning, error or critical (default info).",
        default: Logger.Level.info,
        read: { text, _ in
            guard let level = Logger.Level(rawValue: text) else {
                throw ValidationError("Unknown log level '\(text)'. Use trace, debug, info, notice, warning, error or critical.")
            }
            return level
        }
    )

    static let logFormat = Setting(
        flag: "--log-format",
        variable: "WAYMARK_LOG_FORMAT",
        help: "How to write the log: text (readable, the default) or json (one JSON object a line, for a log collector).",
        default: LogFormat.text,
        read: { text, _ in
            guard let format = LogFormat(rawValue: text) else { throw ValidationError("Unknown log format '\(text)'. Use text or json.") }
            return format
        }
    )

    static let metricsToken = Setting<String?>(
        flag: "--metrics-token",
        variable: "WAYMARK_METRICS_TOKEN",
        help:
            "A secret of at least 24 characters; with it, /metrics on the site's port answers requests that send 'Authorization: Bearer TOKEN'. Without it (and without --metrics-port) metrics are not served.",
        default: nil,
        read: { text, _ in
            if let problem = MetricsToken.problem(text) { throw ValidationError(problem) }
            return text
        }
    )

    static let metricsPort = Setting<Int?>(
        flag: "--metrics-port",
        variable: "WAYMARK_METRICS_PORT",
        help: "A port on 127.0.0.1 only that serves /metrics without a token, for a scraper on the same machine.",
        default: nil,
        read: SettingText.optionalNumber(in: 1...65_535, outOfRange: "The metrics port must be between 1 and 65535.")
    )

    /// What `serve` runs with, every setting checked; the first that does not do is refused.
    func webAppConfiguration() throws -> WebAppConfiguration {
        let port = try value(Self.port)
        let metricsPort = try value(Self.metricsPort)
        if metricsPort == port { throw ValidationError("The metrics port must differ from the site's port.") }
        return WebAppConfiguration(
            host: text(Self.host),
            port: port,
            secureCookies: try value(Self.secureCookies),
            baseURL: try value(Self.baseURL),
            issuerName: text(Self.issuerName),
            issuerDID: try value(Self.issuerDID),
            trustedProxies: Set(try value(Self.trustedProxies)),
            sessionIdleTimeout: TimeInterval(try value(Self.sessionIdleMinutes)) * 60,
            connectionIdleTimeout: TimeInterval(try value(Self.connectionIdleSeconds)),
            maxConnections: try value(Self.maxConnections),
            metricsPort: metricsPort,
            serverName: try value(Self.serverName),
            curriculumPollSeconds: try value(Self.curriculumPollSeconds),
            applicantRetention: ApplicantRetention(days: try value(Self.removeApplicantsAfterDays)),
            timeZone: try value(Self.timeZone)
        )
    }
}
