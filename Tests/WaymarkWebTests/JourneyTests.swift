import Foundation
import Testing
import WaymarkCurriculum
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum JourneyChecks {
    /// A new trainee signs in, reads a unit, fails a check, retakes and passes, writes a
    /// reflection a coordinator reviews, logs hours a supervisor countersigns; the dashboard's
    /// next step changes at each point.
    static func aTraineeWalksFromFirstStepToCountersignedPractice(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let programme = app.programme
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            // The coordinator records the recruitment checks and the decision.
            let coordinator = browser
            #expect(try await coordinator.signIn("coordinator@example.org").location == "/cohort")
            try await coordinator.get("/trainees/\(traineeID)")
            for check in programme.recruitment {
                for _ in 0..<check.count {
                    let recorded = try await coordinator.post("/trainees/\(traineeID)/checks", [("check", check.id), ("outcome", "complete")])
                    #expect(recorded.status == .seeOther)
                    try await coordinator.get("/trainees/\(traineeID)")
                }
            }
            let noRationale = try await coordinator.post("/trainees/\(traineeID)/decision", [("decision", "suitable"), ("rationale", "  ")])
            #expect(noRationale.status == .badRequest)
            #expect(noRationale.html.contains("A rationale is required"))
            try await coordinator.post("/trainees/\(traineeID)/decision", [("decision", "suitable"), ("rationale", "Strong references.")])
            try await coordinator.post("/logout")

            // The trainee's first step is the first unit.
            let trainee = browser
            #expect(try await trainee.signIn("trainee@example.org").location == "/dashboard")
            var steps: [String] = []
            func step() async throws -> String {
                let text = try #require(try await trainee.get("/dashboard").nextStep)
                steps.append(text)
                return text
            }
            #expect(try await step() == "Read \"What peer mentoring is, and what it is not\"")
            let dashboard = try await trainee.get("/dashboard")
            #expect(
                dashboard.html.contains(
                    "<ul class=\"steps\"><li><span class=\"done\">Application form</span><span>1 of 1</span></li>"
                )
            )
            #expect(dashboard.html.contains("<span>0 of 20</span>"))

            let unit = try await trainee.get("/modules/role")
            #expect(unit.status == .ok)
            #expect(unit.html.contains("<h2 id=\"s-what-it-is\">What a peer mentor does</h2>"))
            #expect(try await trainee.post("/modules/role/read").location == "/modules/role/check")
            #expect(try await step() == "Take the check for \"What peer mentoring is, and what it is not\"")

            let assessment = try #require(programme.assessments["role-check"])
            try await trainee.get("/modules/role/check")
            #expect(try await trainee.post("/modules/role/check", Answers.fields(assessment, right: false)).location == "/modules/role/result")
            let failed = try await trainee.get("/modules/role/result")
            #expect(failed.html.contains("Not this time, and that is fine."))
            #expect(failed.html.contains("Try again"))
            #expect(try await step() == "Try the check for \"What peer mentoring is, and what it is not\" again. Only your best try counts.")

            try await trainee.get("/modules/role/check")
            try await trainee.post("/modules/role/check", Answers.fields(assessment, right: true))
            let passed = try await trainee.get("/modules/role/result")
            #expect(passed.html.contains("Well done. You passed."))
            #expect(passed.html.contains("You scored 100%"))
            #expect(try await step() != steps[steps.count - 2])

            // A reflection: a draft is kept, then sent, then accepted by the coordinator.
            try await trainee.get("/reflections/why-mentor")
            #expect(
                try await trainee.post("/reflections/why-mentor", [("text", "A first thought"), ("action", "save")]).location
                    == "/reflections?notice=draft"
            )
            #expect(try await trainee.get("/reflections/why-mentor").html.contains(">A first thought</textarea>"))
            let tooShort = try await trainee.post("/reflections/why-mentor", [("text", "Too short"), ("action", "submit")])
            #expect(tooShort.status == .badRequest)
            #expect(tooShort.html.contains("at least 30 words"))
            let reflection = Array(repeating: "I want to give back what I was given when someone listened to me.", count: 3).joined(separator: " ")
            try await trainee.post("/reflections/why-mentor", [("text", reflection), ("action", "submit")])
            #expect(try await trainee.get("/reflections").html.contains("Sent, waiting to be read"))

            // The rest of the training, module by module: each time the next step moves on.
            for moduleID in programme.modules.map(\.id) where moduleID != "role" {
                try await trainee.get("/modules/\(moduleID)")
                try await trainee.post("/modules/\(moduleID)/read")
                let check = try #require(programme.module(moduleID).flatMap { programme.assessment(for: $0) })
                try await trainee.get("/modules/\(moduleID)/check")
                try await trainee.post("/modules/\(moduleID)/check", Answers.fields(check, right: true))
                _ = try await step()
            }
            try await trainee.get("/practice")
            let badHours = try await trainee.post("/practice", [("date", "2026-11-20"), ("hours", "lots"), ("setting", "")])
            #expect(badHours.status == .badRequest)
            #expect(badHours.html.contains("Enter the hours as a number"))
            #expect(badHours.html.contains("Do not name your mentee"))
            #expect(
                try await trainee.post("/practice", [("date", "2026-11-20"), ("hours", "3.5"), ("setting", "Drop-in centre")]).location
                    == "/practice?notice=logged"
            )
            #expect(try await step() == "Ask your supervisor to countersign 3.5 hours")
            try await trainee.post("/logout")

            // The coordinator reads and accepts the reflection, and those written inside checks.
            try await coordinator.signIn("coordinator@example.org")
            let reviews = try await coordinator.get("/reviews")
            #expect(reviews.html.contains("/trainees/\(traineeID)/reflections/why-mentor"))
            #expect(reviews.html.contains("/trainees/\(traineeID)/reflections/when-i-would-share"))
            for match in reviews.html.matches(of: /href="(\/trainees\/[^"]+\/reflections\/[^"]+)"/) {
                try await coordinator.get(String(match.1))
                try await coordinator.post(String(match.1), [("outcome", "accepted"), ("feedback", "Thank you.")])
            }
            #expect(try await coordinator.get("/reviews").html.contains("Nothing is waiting"))
            try await coordinator.post("/logout")

            // The supervisor countersigns the hours.
            try await browser.signIn("supervisor@example.org")
            let mentors = try await browser.get("/mentors")
            let action = try #require(
                mentors.html.range(of: #"/mentors/[^"]+/countersign/[^"]+"#, options: .regularExpression).map { String(mentors.html[$0]) }
            )
            #expect(try await browser.post(action).location == "/mentors?notice=recorded")
            #expect(!(try await browser.get("/mentors")).html.contains("/countersign/"))
            try await browser.post("/logout")

            try await trainee.signIn("trainee@example.org")
            #expect(try await trainee.get("/reflections").html.contains("Accepted"))
            #expect(try await trainee.get("/practice").html.contains("<td>Yes</td>"))
            #expect(try await step() != "Ask your supervisor to countersign 3.5 hours")
            // Every step along the way said something new.
            for index in steps.indices.dropFirst() { #expect(steps[index] != steps[index - 1] || index == steps.count - 1) }
        }
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ReflectionPromptChecks {
    /// The engine counts reflection questions inside assessments as prompts and offers them as
    /// next steps, so the reflections pages must offer them too.
    /// A reflection written inside a check goes to a coordinator with the attempt: the trainee
    /// does not write it again on the reflections page.
    static func aReflectionWrittenInACheckIsSentForReview(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let assessment = try #require(app.programme.assessments["lived-experience-check"])
        let module = try #require(app.programme.modules.first { $0.assessmentID == assessment.id })
        let story = Array(repeating: "I would share a little of my story if it helps the mentee feel understood.", count: 3).joined(separator: " ")
        // The module opens after recruitment and the first module.
        try await app.recordProgress(finishing: ["role"])
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.saveDraftFor("when-i-would-share", text: "half a thought")
            #expect(try await browser.get("/reflections/when-i-would-share").html.contains("half a thought"))
            try await browser.get("/modules/\(module.id)/check")
            let fields = Answers.fields(assessment, right: true).filter { $0.0 != "q-when-i-would-share" } + [("q-when-i-would-share", story)]
            #expect(try await browser.post("/modules/\(module.id)/check", fields).location == "/modules/\(module.id)/result")
            #expect(try await browser.get("/reflections/when-i-would-share").html.contains("half a thought") == false)  // the draft is gone
        }
        let events = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id)
        #expect(events.contains { $0.kind == .reflectionSubmitted(promptID: "when-i-would-share", text: story) })
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            #expect(try await browser.get("/trainees/\(traineeID)").html.contains("href=\"/trainees/\(traineeID)/reflections/when-i-would-share\""))
        }
    }

    static func everyPromptTheEngineCountsCanBeWritten(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let ids = app.programme.reflectionPromptIDs
        // Every module finished, so every prompt is open.
        try await app.recordProgress(finishing: app.programme.modules.map(\.id))
        #expect(ids.contains("bridge-scenario"))  // a reflection question in bridge-check
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let list = try await browser.get("/reflections")
            for id in ids {
                #expect(list.html.contains("href=\"/reflections/\(id)\""), "no link for \(id)")
                #expect(try await browser.get("/reflections/\(id)").status == .ok, "\(id)")
            }
        }
    }
}

extension JourneyChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aTraineeWalksFromFirstStepToCountersignedPractice", aTraineeWalksFromFirstStepToCountersignedPractice),
    ])
}

extension ReflectionPromptChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aReflectionWrittenInACheckIsSentForReview", aReflectionWrittenInACheckIsSentForReview),
        StoreCheck("everyPromptTheEngineCountsCanBeWritten", everyPromptTheEngineCountsCanBeWritten),
    ])
}
