import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// After a form, a person is told what happened; before deactivating someone, they are asked.
/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum FormConfirmationChecks {
    /// Saving a review went back to the list without a word.
    static func aSavedReviewSaysSoAndWhereTheTraineeWillSeeIt(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/reflections/why-mentor")
            #expect(try await browser.post("/reflections/why-mentor", [("text", Answers.reflection), ("action", "submit")]).status == .seeOther)
            try await browser.post("/logout")

            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)/reflections/why-mentor")
            let saved = try await browser.post("/trainees/\(traineeID)/reflections/why-mentor", [("outcome", "accepted"), ("feedback", "")])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let list = try await browser.get(location)
            #expect(list.html.contains("role=\"status\">Your review is saved. Sam Trainee will see it on their Reflections page.</p>"))
            // Only Waymark's own words: an address cannot put text on the page.
            let forged = try await browser.get("/reviews?notice=reviewed&trainee=%3Cscript%3E")
            #expect(forged.html.contains("Your review is saved.</p>"))
            #expect(!forged.html.contains("<script>"))
        }
    }

    /// Deactivate acted at once, with no "are you sure" and no word after.
    static func deactivatingAPersonAsksFirstThenSaysWhatHappened(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let adminID = try #require(app.people[.admin]?.id)
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            let people = try await browser.get("/people")
            #expect(people.html.contains("<a class=\"button danger\" href=\"/people/\(traineeID)/deactivate\">Deactivate</a>"))
            #expect(!people.html.contains("name=\"active\" value=\"false\""), "the People page deactivates without asking")

            let ask = try await browser.get("/people/\(traineeID)/deactivate")
            #expect(ask.status == .ok)
            #expect(ask.html.contains("<h1>Deactivate Sam Trainee?</h1>"))
            #expect(ask.html.contains("they can no longer sign in"))
            #expect(ask.html.contains("everything they did is kept"))
            #expect(ask.html.contains("Activate on the People page"))
            #expect(ask.html.contains("<form method=\"post\" action=\"/people/\(traineeID)/active\">"))
            #expect(ask.html.contains("name=\"csrf\""))
            #expect(ask.html.contains("<button type=\"submit\" class=\"danger\">Yes, deactivate Sam Trainee</button>"))
            #expect(ask.html.contains("<a href=\"/people\">No, go back</a>"))
            // Looking at the question changes nothing.
            #expect(try await app.store.person(id: traineeID)?.isActive == true)

            let done = try await browser.post("/people/\(traineeID)/active", [("active", "false")])
            #expect(done.location == "/people?notice=deactivated&person=\(traineeID)")
            #expect(try await app.store.person(id: traineeID)?.isActive == false)
            let told = try await browser.get(try #require(done.location))
            #expect(told.html.contains("Sam Trainee is deactivated. They can no longer sign in, and everything they did is kept."))

            try await browser.get("/people")
            let back = try await browser.post("/people/\(traineeID)/active", [("active", "true")])
            #expect(back.location == "/people?notice=activated&person=\(traineeID)")
            #expect(try await browser.get(try #require(back.location)).html.contains("Sam Trainee can sign in again."))

            // Nobody deactivates themselves, and the page says so instead of doing nothing.
            let own = try await browser.get("/people/\(adminID)/deactivate")
            #expect(own.html.contains("You cannot deactivate your own account."))
            #expect(!own.html.contains("Yes, deactivate"))
            try await browser.get("/people")
            let refused = try await browser.post("/people/\(adminID)/active", [("active", "false")])
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("id=\"account-\(adminID)-error\">You cannot deactivate your own account."))
            #expect(try await app.store.person(id: adminID)?.isActive == true)
        }
    }
}

extension FormConfirmationChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aSavedReviewSaysSoAndWhereTheTraineeWillSeeIt", aSavedReviewSaysSoAndWhereTheTraineeWillSeeIt),
        StoreCheck("deactivatingAPersonAsksFirstThenSaysWhatHappened", deactivatingAPersonAsksFirstThenSaysWhatHappened),
    ])
}
