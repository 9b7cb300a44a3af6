import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkWeb

/// The admin's invite form: it comes back with everything chosen, and an unknown supervisor is
/// refused before anyone is added.
@Suite struct PeopleFormTests {
    @Test func aMistakeKeepsTheRolesProgrammeAndSupervisorChosen() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        let supervisorID = try #require(app.people[.supervisor]?.id)
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            try await browser.get("/people")
            let wrong = try await browser.post(
                "/people",
                [("name", "Sam New"), ("email", "not-an-email"), ("role", "trainee"), ("role", "supervisor"),
                 ("programme", "volunteer-induction"), ("supervisor", supervisorID)]
            )
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains(#"value="Sam New""#))
            #expect(wrong.html.contains(#"id="role-trainee" name="role" value="trainee" checked"#))
            #expect(wrong.html.contains(#"id="role-supervisor" name="role" value="supervisor" checked"#))
            #expect(!wrong.html.contains(#"id="role-coordinator" name="role" value="coordinator" checked"#))
            #expect(wrong.html.contains(#"<option value="volunteer-induction" selected>"#))
            #expect(wrong.html.contains(#"<option value="\#(supervisorID)" selected>"#))
            #expect(wrong.html.contains(#"aria-invalid="true" aria-describedby="email-error email-hint""#))
        }
    }

    @Test func anUnknownSupervisorIsRefusedAndNobodyIsAdded() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            try await browser.get("/people")
            let refused = try await browser.post(
                "/people",
                [("name", "Sam New"), ("email", "sam@example.org"), ("role", "trainee"), ("programme", "peer-mentoring"), ("supervisor", "no-such-person")]
            )
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains(##"<a href="#supervisor">Choose a supervisor from the list, or none yet.</a>"##))
        }
        #expect(try await app.store.person(email: "sam@example.org") == nil)
    }
}
