import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkWeb

/// The trainee's start page: their own next step, and other people's tasks listed once, apart.
@Suite struct DashboardTests {
    @Test func someoneElsesTaskIsNeverShownAsTheTraineesNextStep() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let dashboard = try await browser.get("/dashboard")
            #expect(dashboard.nextStep == "There is nothing you need to do just now.")
            let coordinatorsTask = "A coordinator will issue your certificate"
            #expect(dashboard.html.components(separatedBy: coordinatorsTask).count - 1 == 1, "shown more than once, or not at all")
            #expect(dashboard.html.contains("What other people are doing for you:"))
        }
    }

    @Test func termsOfArtAreExplainedWhereATraineeFirstMeetsThem() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let dashboard = try await browser.get("/dashboard")
            for words in [
                "A DBS check is a criminal record check", "The induction session is", "The suitability decision is",
            ] {
                #expect(dashboard.html.contains(words), "the dashboard does not explain: \(words)")
            }
            #expect(try await browser.get("/practice").html.contains("countersigned them: signed to say they happened"))
        }
    }
}
