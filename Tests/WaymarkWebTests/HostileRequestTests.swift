import Foundation
import Testing
import WaymarkCredentials
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Every route, as a person allowed to use it, with hostile values in its path, its address and
/// its form: each gets an answer below 500, and the server keeps answering.
@Suite struct HostileRequestTests {
    /// One of each kind (the cohort and form tests try every hostile number), so the whole walk
    /// stays a few hundred requests.
    static let values = ["9223372036854775808", "-1", "", "%00\u{0}\u{202E}", "../../etc/passwd<script>", String(repeating: "9", count: 10_000)]
    static let fields = [
        "action", "active", "assessment", "check", "confirm", "date", "decision", "email", "feedback", "hours", "issued", "level", "minutes",
        "name", "next", "note", "number", "outcome", "password", "programme", "rationale", "reason", "revisit", "role", "setting", "supervisor",
        "text", "wellbeing", "unknown-field",
    ]

    @Test func everyRouteAnswersHostileValuesWithoutAServerError() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            // The table fills as the router is built, which `test` has just done.
            let routes = app.web.routes.routes.filter { $0.path != "/logout" }
            #expect(routes.count >= 30)
            var sent = 0
            for role in [Role.trainee, .coordinator, .supervisor, .admin] {
                let person = try #require(app.people[role])
                try await browser.signIn(person.email)
                try await browser.get(Navigation.home(for: person))
                for route in routes where route.access.allows(person) {
                    for value in Self.values {
                        let encoded = Browser.encode(value)
                        let path = route.path.replacingOccurrences(of: #"\{([a-z]+)\}"#, with: ":$1", options: .regularExpression)
                            .replacingOccurrences(of: ":trainee", with: role == .coordinator || role == .supervisor ? traineeID : encoded)
                            .replacingOccurrences(of: #":[a-z]+"#, with: encoded.isEmpty ? "x" : encoded, options: .regularExpression)
                        let query = "?page=\(encoded)&next=\(encoded)&notice=\(encoded)&code=\(encoded)&programme=\(encoded)&stage=\(encoded)"
                        let page: Browser.Page
                        if route.method == .get {
                            page = try await browser.get(path + query)
                        } else {
                            // Each post differs (path or values), so the page's token serves them all.
                            page = try await browser.post(path, Self.fields.map { ($0, value) } + [("role", "admin")])
                        }
                        sent += 1
                        #expect(page.status.code < 500, "\(role) \(route.method) \(route.path) with \(value.prefix(30).debugDescription): \(page.status)")
                    }
                }
                try await browser.get(Navigation.home(for: person))
                try await browser.post("/logout")
            }
            #expect(sent > 300)
            #expect(try await browser.get("/login").status == .ok)
        }
    }
}
