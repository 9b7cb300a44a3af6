import Foundation
import Testing
import WaymarkPasswords
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// The passwords the attack found accepted, and more like them.
let weakPasswords = [
    "aaaaaaaaaa", "1234567890", "          ", "password12", "aaaaaaaaaaaaaaaa", "abababababababab", "password1234", "qwerty123456",
    "123456789012", "!!iloveyou2026", "Password2026!", "                    ",
]

@Suite struct PasswordRulesTests {
    @Test func theShippedListHoldsAtLeastTenThousandCommonPasswords() {
        #expect(PasswordRules.commonCount >= 10_000)
    }

    @Test func shortRepetitiveAndCommonPasswordsAreRefused() {
        for password in weakPasswords { #expect(PasswordRules.problem(with: password) != nil, "\(password.debugDescription)") }
        #expect(PasswordRules.problem(with: "elevenchars")?.contains("at least 12 characters") == true)
        #expect(PasswordRules.problem(with: "qwerty123456")?.contains("many people use") == true)
        #expect(PasswordRules.problem(with: "correct horse battery") == nil)
        #expect(PasswordRules.problem(with: "my dog likes cold toast") == nil)
    }

    @Test func aPasswordMadeOfTheOwnNameOrEmailIsRefused() {
        let name = "Samantha Okafor"
        let email = "sam.okafor@example.org"
        for password in ["sam.okafor@example.org", "SAM.OKAFOR@EXAMPLE.ORG", "my email is sam.okafor", "samokafor2026!", "Samantha Okafor", "samantha rocks 1999"] {
            #expect(PasswordRules.problem(with: password, name: name, email: email)?.contains("name or email") == true, "\(password)")
        }
        #expect(PasswordRules.problem(with: "walking the canal at dawn", name: name, email: email) == nil)
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum PasswordFormChecks {
    /// Choosing a password, a weak one is named beside the field; what was typed stays, except
    /// the password; nothing is saved until it is a good one.
    static func weakPasswordsAreRefusedBesideTheFieldAndNothingTypedIsLost(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        let setup = try await app.web.makeLink(.setup, for: nil)
        try await app.test { browser in
            try await browser.get(setup)
            for password in weakPasswords + ["ada.lovelace@example.org", "Ada Lovelace 1815"] {
                let page = try await browser.post(
                    setup,
                    [("name", "Ada Lovelace"), ("email", "ada.lovelace@example.org"), ("password", password), ("confirm", password)]
                )
                #expect(page.status == .badRequest, "\(password.debugDescription)")
                #expect(page.html.contains("class=\"field-error\""), "\(password.debugDescription)")
                #expect(page.html.contains("value=\"Ada Lovelace\"") && page.html.contains("value=\"ada.lovelace@example.org\""))
                #expect(page.html.range(of: #"name="password"[^>]*value="#, options: .regularExpression) == nil)
            }
            #expect(try await !app.store.hasAdmin())
            let created = try await browser.post(
                setup,
                [("name", "Ada Lovelace"), ("email", "ada.lovelace@example.org"), ("password", "engines weave patterns"), ("confirm", "engines weave patterns")]
            )
            #expect(created.location == "/people")
            try await browser.get("/people")
            let invited = try await browser.post(
                "/people",
                [("name", "Tia Trainee"), ("email", "tia@example.org"), ("role", "trainee"), ("programme", "peer-mentoring")]
            )
            let link = try #require(invited.html.range(of: #"/invite/[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(invited.html[$0]) })
            try await browser.post("/logout")
            try await browser.get(link)
            let own = try await browser.post(link, [("password", "tia@example.org"), ("confirm", "tia@example.org")])
            #expect(own.status == .badRequest)
            #expect(own.html.contains("Do not use your name or email address"))
            #expect(try await browser.post(link, [("password", "tiatrainee12"), ("confirm", "tiatrainee12")]).status == .badRequest)
        }
    }
}

extension PasswordFormChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("weakPasswordsAreRefusedBesideTheFieldAndNothingTypedIsLost", weakPasswordsAreRefusedBesideTheFieldAndNothingTypedIsLost),
    ])
}
