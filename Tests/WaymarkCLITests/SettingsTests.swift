import ArgumentParser
import Configuration
import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkCLI

/// Settings come from a command's flag, else its environment variable, else the default, the
/// same way for every command; a value that will not do is refused naming what was set.
@Suite struct SettingsTests {
    /// The words a command prints when `body` refuses, as a person would read them; empty
    /// when it does not refuse.
    static func refusal(_ body: () throws -> some Any) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return ServeCommand.message(for: error)
        }
    }

    @Test func aFlagBeatsTheVariableWhichBeatsTheDefault() throws {
        let environment = WaymarkSettings.environment([
            "WAYMARK_PORT": "9100", "WAYMARK_HOST": "10.0.0.9", "WAYMARK_ISSUER_NAME": "Mentors Together", "WAYMARK_SESSION_IDLE_MINUTES": "30",
        ])
        let flagged = try ServeCommand.parse(["--port", "9200", "--issuer-name", "Friends", "--session-idle-minutes", "45"])
            .settings(environment: environment).webAppConfiguration()
        #expect(flagged.port == 9200)
        #expect(flagged.issuerName == "Friends")
        #expect(flagged.sessionIdleTimeout == 45 * 60)
        #expect(flagged.host == "10.0.0.9")

        let fromVariables = try ServeCommand.parse([]).settings(environment: environment).webAppConfiguration()
        #expect(fromVariables.port == 9100)
        #expect(fromVariables.issuerName == "Mentors Together")
        #expect(fromVariables.sessionIdleTimeout == 30 * 60)

        let defaults = try ServeCommand.parse([]).settings(environment: WaymarkSettings.environment([:])).webAppConfiguration()
        #expect(defaults.port == 8080)
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.issuerName == "Waymark")
        #expect(defaults.sessionIdleTimeout == 120 * 60)
        #expect(defaults.timeZone.identifier == "Europe/London")
    }

    @Test func theFlagsOfTheDataOptionsBeatTheirVariables() throws {
        let settings = WaymarkSettings(
            environment: WaymarkSettings.environment(["WAYMARK_DATA": "/srv/waymark", "WAYMARK_CURRICULUM": "/srv/curriculum"]),
            flags: [(WaymarkSettings.data, "/tmp/elsewhere"), (WaymarkSettings.curriculum, nil)]
        )
        #expect(settings.text(WaymarkSettings.data) == "/tmp/elsewhere")
        #expect(try settings.value(WaymarkSettings.curriculum) == "/srv/curriculum")
        #expect(try WaymarkSettings(environment: WaymarkSettings.environment([:])).value(WaymarkSettings.curriculum) == nil)
        #expect(WaymarkSettings(environment: WaymarkSettings.environment([:])).text(WaymarkSettings.data) == "./data")
    }

    @Test func aBadValueInAVariableIsRefusedNamingTheVariable() throws {
        for (variables, words) in [
            (["WAYMARK_PORT": "eighty"], "WAYMARK_PORT must be a number."),
            (["WAYMARK_SESSION_IDLE_MINUTES": "soon"], "WAYMARK_SESSION_IDLE_MINUTES must be a number of minutes."),
            (["WAYMARK_MAX_CONNECTIONS": "lots"], "WAYMARK_MAX_CONNECTIONS must be a number."),
            (["WAYMARK_METRICS_PORT": "9100/tcp"], "WAYMARK_METRICS_PORT must be a number."),
            (["WAYMARK_CURRICULUM_POLL_SECONDS": "60"], "--curriculum-poll-seconds must be from 1 to 10"),
            (["WAYMARK_TRUSTED_PROXIES": "10.0.0.2, load-balancer"], "'load-balancer' is not an IP address"),
        ] {
            let settings = WaymarkSettings(environment: WaymarkSettings.environment(variables))
            #expect(Self.refusal { try settings.webAppConfiguration() }.contains(words), "\(variables)")
        }
        let smtp = WaymarkSettings(
            environment: WaymarkSettings.environment([
                "WAYMARK_SMTP_HOST": "smtp.example.org", "WAYMARK_MAIL_FROM": "waymark@example.org", "WAYMARK_SMTP_PORT": "many",
            ])
        )
        #expect(Self.refusal { try SMTPOptions.parse([]).settings(smtp) }.contains("WAYMARK_SMTP_PORT must be a number."))
    }

    @Test func anUnknownTimeZoneIsRefusedNamingWhereItCameFrom() throws {
        let fromVariable = WaymarkSettings(environment: WaymarkSettings.environment(["WAYMARK_TIME_ZONE": "Europe/Londn"]))
        #expect(
            Self.refusal { try fromVariable.webAppConfiguration() }.contains("WAYMARK_TIME_ZONE is 'Europe/Londn', which is not a time zone Waymark knows")
        )
        #expect(Self.refusal { try fromVariable.dates() }.contains("WAYMARK_TIME_ZONE is 'Europe/Londn'"))
        // Checked as the flags are parsed, before anything runs.
        #expect(Self.refusal { try ServeCommand.parse(["--time-zone", "Mars/Olympus"]) }.contains("--time-zone is 'Mars/Olympus'"))
        let known = try WaymarkSettings(environment: WaymarkSettings.environment(["WAYMARK_TIME_ZONE": "Pacific/Auckland"])).dates()
        // 23:30 UTC on 26 November 2026 is the 27th in Auckland.
        #expect(known.day(Date(timeIntervalSince1970: 1_795_735_800)) == "27 Nov 2026")
    }

    /// Refused before anything starts, by serve and by a command that prints dates alike.
    @Test func anUnknownTimeZoneStopsTheCommandsAtStartUp() throws {
        let data = DataFolder()
        let served = try runWaymark(["serve", "--data", data.path], environment: ["WAYMARK_TIME_ZONE": "Europe/Londn"])
        #expect(served.status == 2, "\(served.stderr)")
        #expect(served.stderr.contains("WAYMARK_TIME_ZONE is 'Europe/Londn'"), "\(served.stderr)")
        let listed = try runWaymark(["certificates", "list", "--data", data.path], environment: ["WAYMARK_TIME_ZONE": "Nowhere/At-All"])
        #expect(listed.status != 0)
        #expect(listed.stderr.contains("WAYMARK_TIME_ZONE is 'Nowhere/At-All'"), "\(listed.stderr)")
    }

    @Test func serveAndTheSigningCommandsNameTheSameSiteByDefault() throws {
        for variables in [[:], ["WAYMARK_HOST": "0.0.0.0", "WAYMARK_PORT": "9000"], ["WAYMARK_PORT": "8443"]] {
            let environment = WaymarkSettings.environment(variables)
            let served = try ServeCommand.parse([]).settings(environment: environment).webAppConfiguration().baseURL
            let signed = try IssueCertificate.parse(["--email", "t@example.org"]).site.issuer(environment: environment).baseURL
            #expect(signed == served, "\(variables)")
        }
        let bare = try IssueCertificate.parse(["--email", "t@example.org"]).site.issuer(environment: WaymarkSettings.environment([:]))
        #expect(bare.baseURL == "http://127.0.0.1:8080")
        let given = WaymarkSettings.environment(["WAYMARK_BASE_URL": "https://mentors.example"])
        #expect(try IssueCertificate.parse(["--email", "t@example.org"]).site.issuer(environment: given).baseURL == "https://mentors.example")
    }

    /// `serve --help` says of each option what its setting says, and names the variable that
    /// gives it too: the words are written once, on the setting.
    @Test func serveHelpGivesEachSettingsOwnWords() {
        let help = ServeCommand.helpMessage(columns: 10_000)
        for setting in WaymarkSettings.all {
            guard let flag = setting.flag else { continue }
            #expect(help.contains(flag), "\(flag) is missing from serve --help")
            #expect(help.contains("\(setting.help) Or set \(setting.variable)"), "\(flag) says something other than its setting in serve --help")
        }
    }

    /// Every setting is in the README's tables, by its variable and its flag.
    @Test func theReadmeListsEverySetting() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for setting in WaymarkSettings.all {
            let listed = rows.contains { row in row.contains("`\(setting.variable)") && (setting.flag.map { row.contains("`\($0)") } ?? true) }
            #expect(listed, "\(setting.variable) is not in the README's tables")
        }
        #expect(Set(WaymarkSettings.all.map(\.variable)).count == WaymarkSettings.all.count)
    }
}
