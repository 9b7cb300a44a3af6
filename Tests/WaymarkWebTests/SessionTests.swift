import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum SessionChecks {
    /// Signing in again, in the same browser, ends the session it replaces: nobody who copied
    /// the old cookie keeps a way in.
    static func signingInAgainEndsTheSessionItReplaces(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let first = try #require(browser.cookies["waymark_session"])
            // Signed in, the browser still has a form with the session's token (another tab).
            try await browser.get("/dashboard")
            let again = try await browser.post("/login", [("email", "trainee@example.org"), ("password", WebTestApp.password)])
            #expect(again.status == .seeOther)
            let second = try #require(browser.cookies["waymark_session"])
            #expect(second != first)
            #expect(try await browser.get("/dashboard").status == .ok)
            browser.setCookie("waymark_session", first)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
        }
    }

    /// A session left unused for the idle time ends; using it keeps it going, but never past
    /// twelve hours after signing in.
    static func anUnusedSessionEndsAfterTheIdleTimeAndNoneOutlastsTwelveHours(_ backend: Backend) async throws {
        let clock = TestClock()
        let app = try await WebTestApp(backend: backend, now: clock.now)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            // Used every 90 minutes: still signed in after 10.5 hours.
            for _ in 0..<7 {
                clock.advance(by: 90 * 60)
                #expect(try await browser.get("/dashboard").status == .ok)
            }
            clock.advance(by: 90 * 60)  // 12 hours after signing in
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)

            try await browser.signIn("trainee@example.org")
            clock.advance(by: 2 * 3_600 - 60)
            #expect(try await browser.get("/dashboard").status == .ok)
            clock.advance(by: 2 * 3_600 + 1)  // two hours without a page
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
        }
    }

    /// The idle time is a setting (`--session-idle-minutes`).
    static func theIdleTimeIsASetting(_ backend: Backend) async throws {
        let clock = TestClock()
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let quick = try await app.variant(sessionIdleTimeout: 10 * 60, now: clock.now)
        try await app.test(quick) { (browser: Browser) async throws -> Void in
            try await browser.signIn("trainee@example.org")
            clock.advance(by: 9 * 60)
            #expect(try await browser.get("/dashboard").status == .ok)
            clock.advance(by: 11 * 60)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
        }
    }

    /// An admin ends every session of a person (a lost phone): each of their browsers is signed
    /// out, the admin's own session is not, and the audit log says who did it.
    static func anAdminSignsSomeoneOutEverywhere(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let adminID = try #require(app.people[.admin]?.id)
        try await app.test { phone in
            try await phone.signIn("trainee@example.org")
            let laptop = Browser(phone.client)
            try await laptop.signIn("trainee@example.org")
            let admin = Browser(phone.client)
            try await admin.signIn("admin@example.org")
            let people = try await admin.get("/people")
            #expect(people.html.contains("action=\"/people/\(traineeID)/sessions\""))
            #expect(try await admin.postWithoutToken("/people/\(traineeID)/sessions").status == .forbidden)
            #expect(try await phone.get("/dashboard").status == .ok)
            let done = try await admin.post("/people/\(traineeID)/sessions")
            #expect(done.location == "/people?notice=signed-out")
            #expect(try await admin.get("/people?notice=signed-out").html.contains("signed out everywhere"))
            #expect(try await phone.get("/dashboard").location?.hasPrefix("/login") == true)
            #expect(try await laptop.get("/dashboard").location?.hasPrefix("/login") == true)
            let audit = try await app.store.auditEntries(subjectID: traineeID)
            #expect(audit.contains { $0.action == "person.sessions-ended" && $0.actorID == adminID })
            // The trainee can sign in again with their password.
            #expect(try await phone.signIn("trainee@example.org").status == .seeOther)
        }
    }
}

@Suite struct SecureCookieTests {
    /// A site whose address starts with https:// is reached over TLS, so its cookies are Secure
    /// even without --secure-cookies.
    @Test func cookiesAreSecureWheneverTheBaseURLIsHTTPS() {
        #expect(WebAppConfiguration(host: "0.0.0.0", port: 8080, secureCookies: false, baseURL: "https://waymark.example.org").secureCookies)
        #expect(WebAppConfiguration(host: "0.0.0.0", port: 8080, secureCookies: false, baseURL: "HTTPS://waymark.example.org").secureCookies)
        #expect(!WebAppConfiguration(host: "127.0.0.1", port: 8080, secureCookies: false).secureCookies)
        #expect(WebAppConfiguration(host: "127.0.0.1", port: 8080, secureCookies: true).secureCookies)
    }
}

extension SessionChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("signingInAgainEndsTheSessionItReplaces", signingInAgainEndsTheSessionItReplaces),
        StoreCheck("anUnusedSessionEndsAfterTheIdleTimeAndNoneOutlastsTwelveHours", anUnusedSessionEndsAfterTheIdleTimeAndNoneOutlastsTwelveHours),
        StoreCheck("theIdleTimeIsASetting", theIdleTimeIsASetting),
        StoreCheck("anAdminSignsSomeoneOutEverywhere", anAdminSignsSomeoneOutEverywhere),
    ])
}
