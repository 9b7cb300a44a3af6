import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// A trainee who used every try at a check is not locked out: a coordinator can allow one
/// more, saying why. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum AnotherTryChecks {
    static func aCoordinatorAllowsOneMoreTryWithAReason(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let programme = app.programme
        let traineeID = try #require(app.people[.trainee]?.id)
        let assessment = try #require(programme.assessments["boundaries-check"])
        let maximum = try #require(assessment.maximumAttempts)
        let module = try #require(programme.modules.first { $0.assessmentID == assessment.id })
        // The boundaries module opens once these are done.
        try await app.recordProgress(finishing: ["role", "lived-experience", "listening"])
        // Every try used, long enough ago for any cool-down to have passed.
        let records = TraineeRecords(store: app.store)
        let failed = Scoring.attempt(assessment, moduleID: module.id, answers: [:]).record
        for _ in 0..<maximum {
            try await records.record(
                .assessmentAttempted(failed),
                for: traineeID,
                on: programme,
                by: traineeID,
                at: Date().addingTimeInterval(-7 * 86_400)
            )
        }
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let page = try await browser.get("/trainees/\(traineeID)")
            #expect(page.html.contains("Tries used up"))
            #expect(page.html.contains("name=\"assessment\" value=\"boundaries-check\""))
            let noReason = try await browser.post("/trainees/\(traineeID)/tries", [("assessment", "boundaries-check"), ("reason", " ")])
            #expect(noReason.status == .badRequest)
            #expect(noReason.html.contains("A reason is required"))
            try await browser.get("/trainees/\(traineeID)")
            let allowed = try await browser.post(
                "/trainees/\(traineeID)/tries",
                [("assessment", "boundaries-check"), ("reason", "Was unwell on the day")]
            )
            #expect(allowed.location == "/trainees/\(traineeID)?notice=recorded#main")
            let after = try await browser.get("/trainees/\(traineeID)")
            #expect(!after.html.contains("Tries used up"))
            #expect(after.html.contains("Allowed one more try at the check for"))
            #expect(after.html.contains("Was unwell on the day"))
            // Sent again (another tab), there is no try to allow: it says so and records nothing.
            let again = try await browser.post(
                "/trainees/\(traineeID)/tries",
                [("assessment", "boundaries-check"), ("reason", "Asked twice by mistake")]
            )
            #expect(again.location == "/trainees/\(traineeID)?notice=tries-left#main")
            let told = try await browser.get(try #require(again.location))
            #expect(told.html.contains("Nothing was changed: they still have tries left at that check"))
        }
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let check = try await browser.get("/modules/\(module.id)/check")
            #expect(!check.html.contains("You have used every try"))
            #expect(check.html.contains("<form method=\"post\" action=\"/modules/\(module.id)/check\""))
        }
        let events = try await app.store.events(traineeID: traineeID, programmeID: programme.id)
        #expect(events.filter { $0.kind == .anotherTryAllowed(assessmentID: "boundaries-check") }.count == 1)
        #expect(Progression.extraTries(at: "boundaries-check", in: events) == 1)
    }
}

extension AnotherTryChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aCoordinatorAllowsOneMoreTryWithAReason", aCoordinatorAllowsOneMoreTryWithAReason),
    ])
}
