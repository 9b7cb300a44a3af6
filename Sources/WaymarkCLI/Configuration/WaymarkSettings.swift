import Configuration
import Foundation

/// A flag a command has for a setting, with what it said (nil when it was not given).
typealias GivenFlag = (setting: any SettingDescription, given: String?)

/// Every setting of every command, read in one way: the command's flag, else its environment
/// variable, else its default. The settings themselves are declared once each, in the
/// extensions beside this file; commands only say which flags they were given.
struct WaymarkSettings: Sendable {
    /// The flags the command was given, as text, by the variable of their setting.
    private let flags: [String: String]
    private let reader: ConfigReader

    /// `environment`: the process's variables, unless a test gives its own. `flags`: each
    /// setting the command has a flag for, with what the flag said (nil when it was not given).
    init(environment: (any ConfigProvider)? = nil, flags: [GivenFlag] = []) {
        var given: [String: String] = [:]
        for flag in flags {
            if let text = flag.given { given[flag.setting.variable] = text }
        }
        self.flags = given
        let values = Dictionary(
            uniqueKeysWithValues: given.map { variable, text in
                (AbsoluteConfigKey(Setting<String>.key(variable)), ConfigValue(.string(text), isSecret: Self.secrets.contains(variable)))
            }
        )
        reader = ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: values),
            environment ?? EnvironmentVariablesProvider(secretsSpecifier: .specific(Self.secrets)),
        ])
    }

    /// An environment of exactly these variables, for tests.
    static func environment(_ variables: [String: String]) -> InMemoryProvider {
        InMemoryProvider(
            name: "environment",
            values: Dictionary(
                uniqueKeysWithValues: variables.map { variable, text in
                    (AbsoluteConfigKey(Setting<String>.key(variable)), ConfigValue(.string(text), isSecret: secrets.contains(variable)))
                }
            )
        )
    }

    /// The setting's value: from its flag, else its variable, else its default. A value that
    /// does not do is refused, naming the flag or the variable it came from.
    func value<Value>(_ setting: Setting<Value>) throws -> Value {
        guard let text = reader.string(forKey: setting.key, isSecret: Self.secrets.contains(setting.variable)) else {
            return setting.defaultValue
        }
        let origin = flags[setting.variable] != nil ? (setting.flag ?? setting.variable) : setting.variable
        return try setting.read(text, origin)
    }

    /// A setting taken as it is typed, with nothing to check, such as a folder's name.
    func text(_ setting: Setting<String>) -> String {
        reader.string(forKey: setting.key) ?? setting.defaultValue
    }

    /// Settings never written to a log, even by swift-configuration's own access reporting.
    static let secrets: Set<String> = ["WAYMARK_SMTP_PASSWORD", "WAYMARK_METRICS_TOKEN"]
}

extension WaymarkSettings {
    /// Every setting, in the order of the README's table.
    static let all: [any SettingDescription] = [
        data, database, curriculum, host, port, baseURL, issuerName, issuerDID, timeZone,
        secureCookies, trustedProxies, sessionIdleMinutes, connectionIdleSeconds, maxConnections, removeApplicantsAfterDays,
        serverName, curriculumPollSeconds, logLevel, logFormat, metricsToken, metricsPort,
        smtpHost, smtpPort, smtpSecurity, smtpUser, smtpPassword, smtpPasswordFile, mailFrom, mailFromName, smtpHeloName, smtpCAFile,
        smtpAllowUnencryptedPassword,
    ]
}
