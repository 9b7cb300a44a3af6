import Foundation
import Testing
import WaymarkStore

@testable import WaymarkWeb

@Suite struct PasswordResetTests {
    /// The link in the reset email waiting in the outbox for this address, as the person would click it.
    static func emailedLink(_ app: WebTestApp, to personID: String) async throws -> String {
        let messages = try await app.store.claimOutbox(owner: "test", at: Date(), leaseUntil: Date() + 60, limit: 50)
        let reset = try #require(messages.last { $0.kind == .passwordReset && $0.personID == personID })
        let line = try #require(reset.plainText.split(separator: "\n").first { $0.hasPrefix("http") })
        return String(line.dropFirst("http://127.0.0.1:8080".count))
    }

    @Test func theAnswerIsTheSameForAKnownAndAnUnknownAddress() async throws {
        let app = try await WebTestApp(sendsEmail: true)
        try await app.addPeople()
        try await app.test { browser in
            let login = try await browser.get("/login")
            #expect(login.html.contains(#"<a href="/password-reset">Forgotten your password?</a>"#))
            try await browser.get("/password-reset")
            let clock = ContinuousClock()
            let knownStart = clock.now
            let known = try await browser.post("/password-reset", [("email", "Trainee@Example.org")])
            let knownTime = clock.now - knownStart
            try await browser.get("/password-reset")
            let unknownStart = clock.now
            let unknown = try await browser.post("/password-reset", [("email", "nobody@example.org")])
            let unknownTime = clock.now - unknownStart
            #expect(known.status == .ok && unknown.status == .ok)
            func words(_ page: Browser.Page) -> String { page.html.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression) }
            #expect(words(known) == words(unknown))
            #expect(known.html.contains("If that address has an account, we have emailed it a link"))
            #expect(knownTime >= Web<AnyWaymarkStore>.resetAnswerTime && unknownTime >= Web<AnyWaymarkStore>.resetAnswerTime)
        }
        #expect(try await app.store.outboxCounts() == OutboxCounts(waiting: 1))
    }

    @Test func withoutEmailTheAnswerSaysToAskACoordinator() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        try await app.test { browser in
            try await browser.get("/password-reset")
            let answer = try await browser.post("/password-reset", [("email", "trainee@example.org")])
            #expect(answer.html.contains("Ask your coordinator"))
            #expect(!answer.html.contains("we have emailed"))
            try await browser.get("/password-reset")
            let empty = try await browser.post("/password-reset", [("email", "")])
            #expect(empty.status == .badRequest)
            #expect(empty.html.contains(##"<a href="#email">Enter the email address you sign in with.</a>"##))
        }
    }

    @Test func theEmailedLinkSetsANewPasswordOnceAndEndsEverySession() async throws {
        let app = try await WebTestApp(sendsEmail: true)
        try await app.addPeople()
        let trainee = try #require(app.people[.trainee])
        try await app.test { browser in
            // Someone else signed in as them, on another computer.
            let other = Browser(browser.client)
            #expect(try await other.signIn("trainee@example.org").status == .seeOther)
            do {
                try await browser.get("/password-reset")
                try await browser.post("/password-reset", [("email", "trainee@example.org")])
                let link = try await Self.emailedLink(app, to: trainee.id)
                #expect(link.hasPrefix("/password-reset/"))
                let form = try await browser.get(link)
                #expect(form.html.contains("Choose a new password"))
                let weak = try await browser.post(link, [("password", "password"), ("confirm", "password")])
                #expect(weak.status == .badRequest)
                let saved = try await browser.post(link, [("password", "a walk by the river at dawn"), ("confirm", "a walk by the river at dawn")])
                #expect(saved.location == "/login?notice=password-reset")
                #expect(try await browser.get("/login?notice=password-reset").html.contains("Your new password is saved"))
                #expect(try await browser.get(link).status == .gone)
                #expect(try await Browser(browser.client).signIn("trainee@example.org").status == .unauthorized)
                #expect(try await browser.signIn("trainee@example.org", password: "a walk by the river at dawn").status == .seeOther)
            }
            #expect(try await other.get("/reflections").location?.hasPrefix("/login") == true)
        }
        let audit = try await app.store.auditEntries(subjectID: trainee.id)
        #expect(audit.contains { $0.action == "person.password-reset" && $0.actorID == trainee.id })
    }

    @Test func aLinkLastsAnHourAndEachAddressGetsFewEmails() async throws {
        let clock = TestClock()
        let app = try await WebTestApp(sendsEmail: true, now: clock.now)
        try await app.addPeople()
        let trainee = try #require(app.people[.trainee])
        try await app.test { browser in
            for _ in 0..<5 {
                try await browser.get("/password-reset")
                #expect(try await browser.post("/password-reset", [("email", "trainee@example.org")]).status == .ok)
            }
            #expect(try await app.store.outboxCounts().waiting == Web<AnyWaymarkStore>.resetsPerEmail)
            let link = try await Self.emailedLink(app, to: trainee.id)
            clock.advance(by: 3_601)
            #expect(try await browser.get(link).status == .gone)
        }
    }
}
