import Foundation
import Testing
import WaymarkCredentials
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum SecurityChecks {
    /// Every route × every role: allowed routes work; the others send an anonymous visitor to
    /// sign in and answer a signed-in person with 403.
    static func everyRouteChecksEveryRole(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let personID = try #require(app.people[.coordinator]?.id)
        let router = try WebApplication.router(app.web)
        _ = router
        let routes = app.web.routes.routes
        #expect(routes.count >= 30)
        @Sendable func concrete(_ path: String) -> String {
            Self.concrete(path, traineeID: traineeID, personID: personID)
        }
        let visitors: [Role?] = [nil, .trainee, .coordinator, .supervisor, .admin]
        try await app.test { browser in
            for visitor in visitors {
                if let visitor {
                    try await browser.signIn("\(visitor.rawValue)@example.org")
                }
                for route in routes where route.path != "/logout" {
                    let path = concrete(route.path)
                    let page = route.method == .get ? try await browser.get(path) : try await browser.post(path, [])
                    let person = visitor.flatMap { app.people[$0] }
                    if route.access.allows(person) {
                        // A 403 here may only be the rules saying "not yet" (practice before it opens), never the role.
                        #expect(
                            page.status != .forbidden || !page.html.contains("This page is not open to you"),
                            "\(visitor?.rawValue ?? "anonymous") \(route.method) \(route.path)"
                        )
                        #expect(page.location?.hasPrefix("/login") != true, "\(visitor?.rawValue ?? "anonymous") \(route.method) \(route.path)")
                    } else if visitor == nil {
                        #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true, "anonymous \(route.method) \(route.path)")
                    } else {
                        #expect(page.status == .forbidden, "\(visitor?.rawValue ?? "") \(route.method) \(route.path) gave \(page.status)")
                        #expect(page.html.contains("This page is not open to you"))
                    }
                }
                if visitor != nil { try await browser.post("/logout") }
            }
        }
    }

    /// A route's pattern with a value in each parameter: a real trainee and person, a unit and
    /// prompt the bundled curriculum has, tokens and codes that look right but name nothing.
    static func concrete(_ path: String, traineeID: String, personID: String) -> String {
        path.replacingOccurrences(of: #"\{([a-z]+)\}"#, with: ":$1", options: .regularExpression).replacingOccurrences(
            of: ":module",
            with: "role"
        ).replacingOccurrences(of: ":trainee", with: traineeID)
            .replacingOccurrences(of: ":prompt", with: "why-mentor").replacingOccurrences(of: ":token", with: String(repeating: "a", count: 43))
            .replacingOccurrences(of: ":code", with: CertificateCode.random().description).replacingOccurrences(of: ":entry", with: "none")
            .replacingOccurrences(of: ":person", with: personID)
    }

    static func aPostWithoutOrWithAWrongTokenIsRefused(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        // Practice opens after recruitment and the modules up to boundaries.
        try await app.recordProgress(finishing: ["role", "lived-experience", "listening", "boundaries"])
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/practice")
            let fields = [("date", "2026-11-20"), ("hours", "2"), ("setting", "Café")]
            let missing = try await browser.postWithoutToken("/practice", fields)
            #expect(missing.status == .forbidden)
            #expect(missing.html.contains("This form has expired"))
            let wrong = try await browser.post("/practice", fields, csrf: Tokens.random())
            #expect(wrong.status == .forbidden)
            let right = try await browser.post("/practice", fields)
            #expect(right.status == .seeOther)
            // Only the one with the right token was recorded.
            let events = try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring")
            #expect(events.count == before + 1)
            // Signing in needs the form cookie's token too.
            try await browser.post("/logout")
            #expect(
                try await browser.postWithoutToken("/login", [("email", "trainee@example.org"), ("password", WebTestApp.password)]).status
                    == .forbidden
            )
        }
    }

    static func aSessionCookieFromBeforeSignInIsWorthlessAfterIt(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            let planted = Tokens.random()
            browser.setCookie("waymark_session", planted)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
            try await browser.signIn("trainee@example.org")
            let issued = try #require(browser.cookies["waymark_session"])
            #expect(issued != planted)
            #expect(try await browser.get("/dashboard").status == .ok)
            browser.setCookie("waymark_session", planted)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
            // Signing out ends the session for good.
            browser.setCookie("waymark_session", issued)
            try await browser.get("/dashboard")
            try await browser.post("/logout")
            browser.setCookie("waymark_session", issued)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
        }
    }

    static func sessionCookiesAreHttpOnlyAndLax(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.get("/login")
            let signIn = try await browser.post("/login", [("email", "trainee@example.org"), ("password", WebTestApp.password)])
            let cookie = try #require(signIn.headers[values: .setCookie].first { $0.hasPrefix("waymark_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))  // this app is not configured for TLS
        }
    }

    static func failedSignInsAreThrottledPerAccount(_ backend: Backend) async throws {
        // A clock that stands still: on a slow machine the real one let the back-off end
        // between the last wrong guess and the next try.
        let app = try await WebTestApp(backend: backend, now: TestClock().now)
        try await app.addPeople()
        try await app.test { browser in
            for _ in 0..<BackOff.perAccount.freeTries {
                #expect(try await browser.signIn("trainee@example.org", password: "wrong password!").status == .unauthorized)
            }
            let blocked = try await browser.signIn("trainee@example.org")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.html.contains("too many tries"))
            // Another account is not blocked by someone guessing this one's password.
            #expect(try await browser.signIn("coordinator@example.org").status == .seeOther)
        }
    }

    static func everyResponseCarriesTheSecurityHeaders(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.test { browser in
            for path in ["/", "/login", "/verify", "/no-such-page", "/static/waymark.css", "/dashboard"] {
                let page = try await browser.get(path)
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(page.headers[values: .init("Referrer-Policy")!] == ["same-origin"], "\(path)")
            }
            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.html.contains("We could not find that page"))
        }
    }

    static func signInOnlyReturnsToPagesInsideWaymark(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.get("/login?next=//evil.example/steal")
            let page = try await browser.post(
                "/login",
                [("email", "trainee@example.org"), ("password", WebTestApp.password), ("next", "//evil.example/steal")]
            )
            #expect(page.location == "/dashboard")
        }
    }

    /// Browsers drop tabs and newlines from an address and read `\` as `/`, so each of these
    /// would leave the site; after signing in, each goes home instead.
    static func signInRefusesEveryDisguisedWayOffTheSite(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let evil = [
            "/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/%0a/evil.example", "/\r/evil.example", "//evil.example",
            "/%2F/evil.example", "/%2f%2fevil.example", "/\\evil.example", "/%5Cevil.example", "\\\\evil.example",
            "https://evil.example", "evil.example", "javascript:alert(1)", " /evil.example", "/ /evil.example", "/x/..//evil.example",
            "/\u{202E}elpmaxe.live", "/\u{0}/evil.example", "/%00/evil.example", "/%zz", "",
        ]
        try await app.test { browser in
            for next in evil {
                let form = try await browser.get("/login?next=\(Browser.encode(next))")
                #expect(!form.html.contains("evil"), "the sign-in form kept \(next.debugDescription)")
                let page = try await browser.post("/login", [("email", "trainee@example.org"), ("password", WebTestApp.password), ("next", next)])
                #expect(page.location == "/dashboard", "\(next.debugDescription) went to \(page.location.debugDescription)")
                try await browser.get("/dashboard")
                try await browser.post("/logout")
            }
            try await browser.get("/login?next=/modules/role")
            let page = try await browser.post("/login", [("email", "trainee@example.org"), ("password", WebTestApp.password), ("next", "/modules/role")])
            #expect(page.location == "/modules/role")
        }
    }
}

extension SecurityChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("everyRouteChecksEveryRole", everyRouteChecksEveryRole),
        StoreCheck("aPostWithoutOrWithAWrongTokenIsRefused", aPostWithoutOrWithAWrongTokenIsRefused),
        StoreCheck("aSessionCookieFromBeforeSignInIsWorthlessAfterIt", aSessionCookieFromBeforeSignInIsWorthlessAfterIt),
        StoreCheck("sessionCookiesAreHttpOnlyAndLax", sessionCookiesAreHttpOnlyAndLax),
        StoreCheck("failedSignInsAreThrottledPerAccount", failedSignInsAreThrottledPerAccount),
        StoreCheck("everyResponseCarriesTheSecurityHeaders", everyResponseCarriesTheSecurityHeaders),
        StoreCheck("signInOnlyReturnsToPagesInsideWaymark", signInOnlyReturnsToPagesInsideWaymark),
        StoreCheck("signInRefusesEveryDisguisedWayOffTheSite", signInRefusesEveryDisguisedWayOffTheSite),
    ])
}
