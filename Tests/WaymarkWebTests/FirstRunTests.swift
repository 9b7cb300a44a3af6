import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum FirstRunChecks {
    /// A new installation: the setup link creates the admin, who invites a coordinator and a
    /// trainee; each chooses a password through their own link and lands on their home page.
    static func theFirstAdminInvitesACoordinatorAndATrainee(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        let setup = try await app.web.makeLink(.setup, for: nil)
        // A second server starting on the same new database prints a link of its own.
        let otherServersLink = try await app.web.makeLink(.setup, for: nil)
        try await app.test { browser in
            let form = try await browser.get(setup)
            #expect(form.status == .ok)
            let mismatch = try await browser.post(
                setup,
                [("name", "Ada"), ("email", "ada@example.org"), ("password", "a long enough phrase"), ("confirm", "different phrase!!")]
            )
            #expect(mismatch.status == .badRequest)
            #expect(mismatch.html.contains("The two passwords are different"))
            #expect(mismatch.html.contains("value=\"ada@example.org\""))  // what was typed is kept
            let created = try await browser.post(
                setup,
                [("name", "Ada"), ("email", "ada@example.org"), ("password", "a long enough phrase"), ("confirm", "a long enough phrase")]
            )
            #expect(created.location == "/people")
            #expect(try await app.store.hasAdmin())
            // Once there is an admin, no other setup link makes another.
            #expect(try await browser.get(otherServersLink).status == .gone)
            // The link worked once.
            #expect(try await browser.get(setup).status == .gone)

            try await browser.get("/people")
            let missing = try await browser.post("/people", [("name", ""), ("email", "nope")])
            #expect(missing.status == .badRequest)
            #expect(missing.html.contains("Choose at least one role."))
            var links: [String: String] = [:]
            for (name, email, role) in [("Cal Coordinator", "cal@example.org", "coordinator"), ("Tia Trainee", "tia@example.org", "trainee")] {
                let invited = try await browser.post("/people", [("name", name), ("email", email), ("role", role), ("programme", "peer-mentoring")])
                #expect(invited.status == .ok)
                // A full address to paste into a message, not a bare path.
                #expect(invited.html.range(of: #"<code>http://127\.0\.0\.1:8080/invite/[A-Za-z0-9_-]{43}</code>"#, options: .regularExpression) != nil)
                let link = try #require(
                    invited.html.range(of: #"/invite/[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(invited.html[$0]) }
                )
                links[email] = link
            }
            try await browser.post("/logout")

            for (email, home) in [("cal@example.org", "/cohort"), ("tia@example.org", "/dashboard")] {
                let link = try #require(links[email])
                #expect(try await browser.get(link).html.contains("Choose a password"))
                #expect(try await browser.post(link, [("password", "another good phrase"), ("confirm", "another good phrase")]).location == home)
                #expect(try await browser.get(home).status == .ok)
                try await browser.post("/logout")
                #expect(try await browser.get(link).status == .gone)
                #expect(try await browser.signIn(email, password: "another good phrase").location == home)
                try await browser.post("/logout")
            }
            // The trainee is on the programme: the first step is to apply, then to start reading.
            try await browser.signIn("tia@example.org", password: "another good phrase")
            #expect(try await browser.get("/dashboard").nextStep == "Send in your application")
            try await browser.get("/application")
            #expect(try await browser.post("/application", [("note", "Free on Tuesdays")]).location == "/dashboard?notice=applied")
            #expect(try await browser.get("/dashboard").nextStep == "Read \"What peer mentoring is, and what it is not\"")
            #expect(try await browser.get("/application").html.contains("Your application for Peer Mentoring in Criminal Justice is in."))
        }
    }

    static func aDeactivatedPersonIsSignedOutAndCannotSignIn(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let traineeSession = try #require(browser.cookies["waymark_session"])
            try await browser.post("/logout")
            try await browser.signIn("admin@example.org")
            try await browser.get("/people")
            try await browser.post("/people/\(traineeID)/active", [("active", "false")])
            try await browser.post("/logout")
            browser.setCookie("waymark_session", traineeSession)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/login") == true)
            #expect(try await browser.signIn("trainee@example.org").status == .unauthorized)
        }
    }
}

extension FirstRunChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("theFirstAdminInvitesACoordinatorAndATrainee", theFirstAdminInvitesACoordinatorAndATrainee),
        StoreCheck("aDeactivatedPersonIsSignedOutAndCannotSignIn", aDeactivatedPersonIsSignedOutAndCannotSignIn),
    ])
}
