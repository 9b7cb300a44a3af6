import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// A reflection sent back for another look: the page to rewrite it says what the coordinator
/// asked, beside the text as it was sent.
@Suite struct SentBackReflectionTests {
    @Test func theRewritePageShowsTheCoordinatorsFeedbackUntilItIsSentAgain() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinatorID = try #require(app.people[.coordinator]?.id)
        let prompt = try #require(app.programme.reflectionPromptIDs.first)
        let records = TraineeRecords(store: app.store)
        try await records.record(.reflectionSubmitted(promptID: prompt, text: "I listened."), for: traineeID, on: app.programme, by: traineeID, at: Date())
        try await records.record(
            .reflectionReviewed(promptID: prompt, outcome: .revisit, feedback: "Say more about what you noticed in yourself."),
            for: traineeID, on: app.programme, by: coordinatorID, at: Date()
        )
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let page = try await browser.get("/reflections/\(prompt)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Your coordinator asked you to have another look"))
            #expect(page.html.contains("Say more about what you noticed in yourself."))
            #expect(page.html.contains(">I listened.</textarea>"))

            // Too short first: the page comes back with the feedback still beside the text.
            let short = try await browser.post("/reflections/\(prompt)", [("text", "I listened, and noticed I wanted to fix things."), ("action", "submit")])
            #expect(short.status == .badRequest)
            #expect(short.html.contains("Say more about what you noticed in yourself."))
            #expect(short.html.contains(#"aria-invalid="true" aria-describedby="text-error text-hint""#))
            let longer = Array(repeating: "I listened, and noticed I wanted to fix things for them, so I slowed down.", count: 3).joined(separator: " ")
            let sent = try await browser.post("/reflections/\(prompt)", [("text", longer), ("action", "submit")])
            #expect(sent.status == .seeOther, "\(sent.html)")
            let after = try await browser.get("/reflections/\(prompt)")
            #expect(!after.html.contains("Say more about what you noticed in yourself."), "old feedback shown after sending again")
        }
    }
}
