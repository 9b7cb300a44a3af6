import Foundation
import Testing

@testable import WaymarkMail

@Suite struct SMTPSettingsTests {
    static func problem(_ make: () throws(SMTPSettingsError) -> SMTPSettings) -> String? {
        do {
            _ = try make()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theUsualPortAndGreetingNameComeFromTheOtherSettings() throws {
        #expect(try SMTPSettings(host: "smtp.example.org", security: .startTLS, fromAddress: "w@northside.example").port == 587)
        #expect(try SMTPSettings(host: "smtp.example.org", security: .tls, fromAddress: "w@northside.example").port == 465)
        #expect(try SMTPSettings(host: "smtp.example.org", security: .none, fromAddress: "w@northside.example").port == 25)
        let settings = try SMTPSettings(host: "smtp.example.org", port: 2525, fromAddress: "w@northside.example")
        #expect(settings.port == 2525 && settings.security == .startTLS && settings.heloName == "northside.example")
        #expect(settings.summary == "smtp.example.org:2525 (STARTTLS)")
    }

    @Test func settingsThatCannotWorkAreRefusedSayingWhy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notPEM = folder.appendingPathComponent("not.pem")
        try Data("just words\n".utf8).write(to: notPEM)
        let from = "w@northside.example"
        for (make, words) in [
            ({ () throws(SMTPSettingsError) in try SMTPSettings(host: "", fromAddress: from) }, "is not a mail server's name"),
            ({ () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp example", fromAddress: from) }, "is not a mail server's name"),
            ({ () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp.example.org", port: 70_000, fromAddress: from) }, "between 1 and 65535"),
            ({ () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp.example.org", fromAddress: "nobody") }, "needs one @"),
            (
                { () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp.example.org", fromAddress: from, fromName: "A\nBcc: x@y.z") },
                "on one line"
            ),
            ({ () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp.example.org", fromAddress: from, heloName: "two words") }, "HELO"),
            (
                { () throws(SMTPSettingsError) in
                    try SMTPSettings(host: "smtp.example.org", credentials: .init(user: "w", password: ""), fromAddress: from)
                }, "both a user name and a password"
            ),
            ({ () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp.example.org", fromAddress: from, replyTimeout: .zero) }, "reply timeout"),
            (
                { () throws(SMTPSettingsError) in try SMTPSettings(host: "smtp.example.org", fromAddress: from, extraCAFile: notPEM.path) },
                "Cannot read certificates"
            ),
            (
                { () throws(SMTPSettingsError) in
                    try SMTPSettings(host: "smtp.example.org", fromAddress: from, extraCAFile: folder.appendingPathComponent("none").path)
                },
                "Cannot read certificates"
            ),
        ] {
            let problem = Self.problem(make)
            #expect(problem?.contains(words) == true, "\(words): \(problem ?? "accepted")")
        }
    }

    @Test func thePasswordIsNeverInADescription() throws {
        let settings = try SMTPSettings(
            host: "smtp.example.org",
            credentials: .init(user: "waymark", password: "lanterns over the harbour"),
            fromAddress: "w@northside.example"
        )
        for text in [String(describing: settings), String(reflecting: settings), "\(settings.credentials as Any)"] {
            #expect(!text.contains("lanterns"), "\(text)")
        }
    }
}
