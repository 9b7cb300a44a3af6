import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkWeb

/// A passed check with a cool-down: nothing tells the trainee to take a break or try again.
@Suite struct PassedCheckTests {
    @Test func aPassedCheckDoesNotAskForABreak() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        // Boundaries has 5 tries and a one-hour cool-down; the pass was just now.
        try await app.recordProgress(finishing: ["role", "lived-experience", "listening", "boundaries"])
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let check = try await browser.get("/modules/boundaries/check")
            #expect(check.status == .ok)
            #expect(check.html.contains("You have passed this check. Well done."))
            #expect(!check.html.contains("Take a short break"))
            #expect(check.html.contains("You pass with 80%. You can try this check up to 5 times. Only your best try counts."))
            #expect(!check.html.contains(".."))
            let result = try await browser.get("/modules/boundaries/result")
            #expect(result.html.contains("Well done. You passed."))
            #expect(!result.html.contains("You can try again after"))
        }
    }
}

/// The result of a try says what the trainee answered beside each question.
@Suite struct ResultPageTests {
    @Test func eachQuestionShowsTheAnswerGivenAndAWrongOneIsNotCalledNotQuiteTwice() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.recordProgress(finishing: [])
        let module = try #require(app.programme.module("role"))
        let assessment = try #require(app.programme.assessment(for: module))
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/modules/role")
            try await browser.post("/modules/role/read")
            try await browser.get("/modules/role/check")
            let sent = try await browser.post("/modules/role/check", Answers.fields(assessment, right: false))
            #expect(sent.status == .seeOther)
            let result = try await browser.get("/modules/role/result")
            #expect(result.html.contains("<p>Your answer: "))
            #expect(result.html.contains("<strong>Not right this time</strong>"))
            #expect(!result.html.contains("<strong>Not quite</strong>"))
        }
    }
}
