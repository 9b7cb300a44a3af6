import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

extension Browser.Page {
    /// The problem is in the summary linked to the field, shown beside it, and tied to it.
    func showsProblem(on field: String, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.contains("class=\"error-summary\""), sourceLocation: sourceLocation)
        #expect(html.contains("href=\"#\(field)\""), "no link to #\(field)", sourceLocation: sourceLocation)
        #expect(html.contains("id=\"\(field)-error\">\(words)"), "no message beside \(field)", sourceLocation: sourceLocation)
        #expect(
            html.range(of: "aria-invalid=\"true\" aria-describedby=\"\(field)-error[ \"]", options: .regularExpression) != nil,
            "\(field) is not tied to its message",
            sourceLocation: sourceLocation
        )
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum FormKeepingChecks {
    /// "Not yet" with a date and no rationale came back as "Suitable" with the date gone.
    static func aSuitabilityDecisionComesBackAsItWasChosen(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)")
            let page = try await browser.post(
                "/trainees/\(traineeID)/decision",
                [("decision", "not-yet"), ("revisit", "2027-03-15"), ("rationale", "  ")]
            )
            #expect(page.status == .badRequest)
            page.showsProblem(on: "rationale", "Write why you made this decision.")
            #expect(page.html.contains("value=\"not-yet\" checked"))
            #expect(!page.html.contains("value=\"suitable\" checked"))
            #expect(page.html.contains("value=\"2027-03-15\""))

            try await browser.get("/trainees/\(traineeID)")
            let badDate = try await browser.post(
                "/trainees/\(traineeID)/decision",
                [("decision", "not-yet"), ("revisit", "2027-02-31"), ("rationale", "Wants more time first.")]
            )
            #expect(badDate.status == .badRequest)
            badDate.showsProblem(on: "revisit", "Enter the date to talk again")
            #expect(badDate.html.contains(">Wants more time first.</textarea>"))
            #expect(badDate.html.contains("value=\"not-yet\" checked"))
        }
        #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)
    }

    /// A review could be recorded for a reflection the trainee never sent.
    static func aReflectionNeverSentCannotBeReviewed(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/reviews")
            let page = try await browser.post("/trainees/\(traineeID)/reflections/why-mentor", [("outcome", "accepted"), ("feedback", "Lovely.")])
            #expect(page.status == .notFound)
        }
        #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)
    }

    /// "Ask them to have another look" without feedback lost the reflection and chose "Accept".
    static func aReviewComesBackWithTheReflectionAndTheChoice(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/reflections/why-mentor")
            #expect(try await browser.post("/reflections/why-mentor", [("text", Answers.reflection), ("action", "submit")]).status == .seeOther)
            try await browser.post("/logout")
        }
        let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)/reflections/why-mentor")
            let page = try await browser.post("/trainees/\(traineeID)/reflections/why-mentor", [("outcome", "revisit"), ("feedback", " ")])
            #expect(page.status == .badRequest)
            page.showsProblem(on: "feedback", "Say kindly what to look at again")
            #expect(page.html.contains(Answers.reflection))
            #expect(page.html.contains("value=\"revisit\" checked"))
            #expect(!page.html.contains("value=\"accepted\" checked"))
        }
        #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)
    }

    /// A reflection in a check shorter than its min-words was dropped while the check counted.
    static func aShortReflectionInACheckBringsTheAnswersBack(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.recordProgress(finishing: ["role"])
        let traineeID = try #require(app.people[.trainee]?.id)
        let assessment = try #require(app.programme.assessments["lived-experience-check"])
        let right = Answers.fields(assessment, right: true).filter { $0.0 != "q-when-i-would-share" }
        let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/modules/lived-experience/check")
            let page = try await browser.post("/modules/lived-experience/check", right + [("q-when-i-would-share", "Only when it helps.")])
            #expect(page.status == .badRequest)
            page.showsProblem(on: "q-when-i-would-share", "Please write at least 30 words. You have 4 so far.")
            #expect(page.html.contains(">Only when it helps.</textarea>"))
            // Every other answer is still chosen or typed.
            for (name, value) in right {
                let kept =
                    page.html.contains("name=\"\(name)\" value=\"\(value)\" checked") || page.html.contains("value=\"\(value)\" selected")
                    || page.html.contains("name=\"\(name)\" autocomplete=\"off\" value=\"\(value)\"")
                #expect(kept, "\(name)=\(value) was lost")
            }
        }
        #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)
    }

    /// A supervision session with an empty or impossible date was dropped with no word.
    static func aSupervisionSessionWithABadDateComesBackAsSent(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
        try await app.test { browser in
            try await browser.signIn("supervisor@example.org")
            for date in ["", "2026-02-31", "soon"] {
                try await browser.get("/mentors")
                let page = try await browser.post(
                    "/mentors/\(traineeID)/supervision",
                    [("date", date), ("minutes", "45"), ("wellbeing", "some-concerns")]
                )
                #expect(page.status == .badRequest, "\(date)")
                page.showsProblem(on: "date-\(traineeID)", "Enter the date of the session")
                #expect(page.html.contains("name=\"minutes\" value=\"45\""))
                #expect(page.html.contains("value=\"some-concerns\" checked"))
                #expect(!page.html.contains("value=\"good\" checked"))
            }
        }
        #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)
    }
}

extension FormKeepingChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aSuitabilityDecisionComesBackAsItWasChosen", aSuitabilityDecisionComesBackAsItWasChosen),
        StoreCheck("aReflectionNeverSentCannotBeReviewed", aReflectionNeverSentCannotBeReviewed),
        StoreCheck("aReviewComesBackWithTheReflectionAndTheChoice", aReviewComesBackWithTheReflectionAndTheChoice),
        StoreCheck("aShortReflectionInACheckBringsTheAnswersBack", aShortReflectionInACheckBringsTheAnswersBack),
        StoreCheck("aSupervisionSessionWithABadDateComesBackAsSent", aSupervisionSessionWithABadDateComesBackAsSent),
    ])
}
