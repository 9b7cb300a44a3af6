import Foundation
import Testing
import WaymarkTestSupport

/// The mail settings as an operator gives them: refused at start-up with what to give instead,
/// and `waymark mail test` saying plainly whether a message got out.
@Suite struct MailCommandTests {
    @Test func serveRefusesMailSettingsItCannotUse() throws {
        let data = DataFolder()
        let missingCA = data.url.appendingPathComponent("no-such-ca.pem").path
        for (arguments, environment, words) in [
            (["--smtp-host", "smtp.example.org"], [:], "Give the address email comes from with --mail-from"),
            (["--mail-from", "waymark@example.org"], [:], "--mail-from is given but --smtp-host is not"),
            (["--smtp-host", "smtp.example.org", "--mail-from", "waymark@example.org", "--smtp-security", "ssl"], [:], "Use starttls, tls or none"),
            (["--smtp-host", "smtp.example.org", "--mail-from", "not an address"], [:], "The from address 'not an address' cannot be used"),
            (["--smtp-host", "smtp.example.org", "--mail-from", "waymark@example.org", "--smtp-user", "waymark"], [:], "no password"),
            (
                ["--smtp-host", "smtp.example.org", "--mail-from", "waymark@example.org", "--smtp-security", "none", "--smtp-user", "waymark"],
                ["WAYMARK_SMTP_PASSWORD": "secret words"], "the password would cross the network"
            ),
            (
                ["--smtp-host", "smtp.example.org", "--mail-from", "waymark@example.org", "--smtp-ca-file", missingCA], [:],
                "Cannot read certificates"
            ),
            (["--smtp-host", "smtp.example.org", "--mail-from", "waymark@example.org", "--smtp-port", "0"], [:], "between 1 and 65535"),
            (
                [], ["WAYMARK_SMTP_HOST": "smtp.example.org", "WAYMARK_MAIL_FROM": "waymark@example.org", "WAYMARK_SMTP_PORT": "many"],
                "WAYMARK_SMTP_PORT must be a number"
            ),
        ] {
            let result = try runWaymark(["serve", "--data", data.path] + arguments, environment: environment)
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("secret words"), "the password is never printed")
        }
    }

    /// Options show in `ps` and shell history, so there is no option for the password.
    @Test func thePasswordIsNeverAnOption() throws {
        let result = try runWaymark([
            "mail", "test", "--to", "jo@example.org", "--smtp-host", "smtp.example.org", "--mail-from", "waymark@example.org", "--smtp-password", "x",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--smtp-password'"), "\(result.stderr)")
        let help = try runWaymark(["mail", "test", "--help"])
        // As read, whatever the terminal's width wrapped.
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("WAYMARK_SMTP_PASSWORD or --smtp-password-file"), "\(help.stdout)")
    }

    @Test func mailTestWithoutAMailServerSaysWhatToGive() throws {
        let result = try runWaymark(["mail", "test", "--to", "jo@example.org"], environment: ["WAYMARK_SMTP_HOST": ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("There is no mail server to test. Give it with --smtp-host"), "\(result.stderr)")
    }

    @Test func mailTestSaysPlainlyWhenNothingAnswers() throws {
        let result = try runWaymark([
            "mail", "test", "--to", "jo@example.org", "--smtp-host", "127.0.0.1", "--smtp-port", "1", "--smtp-security", "none",
            "--mail-from", "waymark@example.org",
        ])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("Sending a test message to jo@example.org through 127.0.0.1:1 (no encryption)"))
        #expect(
            result.stderr.contains("Not sent. The mail server 127.0.0.1:1 (no encryption): could not connect: 127.0.0.1 port 1: Connection refused"),
            "\(result.stderr)"
        )
    }
}
