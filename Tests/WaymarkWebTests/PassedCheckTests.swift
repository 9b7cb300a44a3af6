import Foundation
import Testing
import WaymarkCurriculum
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

/// Matching and ordering answers are shown too, in words: which match went with each term, and
/// the order the trainee gave.
@Suite struct MatchingAndOrderingAnswerTests {
    @Test func theResultShowsTheMatchesAndTheOrderGiven() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.recordProgress(finishing: [])
        let shown = try await app.test { browser in
            var shown: Set<String> = []
            try await browser.signIn("trainee@example.org")
            for moduleID in ["role", "boundaries"] {
                if moduleID == "boundaries" { try await app.recordProgress(recruited: false, finishing: ["role", "listening", "lived-experience"]) }
                let module = try #require(app.programme.module(moduleID))
                let assessment = try #require(app.programme.assessment(for: module))
                try await browser.get("/modules/\(moduleID)")
                try await browser.post("/modules/\(moduleID)/read")
                try await browser.get("/modules/\(moduleID)/check")
                #expect(try await browser.post("/modules/\(moduleID)/check", Answers.fields(assessment, right: false)).status == .seeOther)
                let result = try await browser.get("/modules/\(moduleID)/result")
                for question in assessment.questions {
                    switch question.kind {
                    case .matching(let pairs, _):
                        // Answered wrong: the matches reversed.
                        let given = zip(pairs, pairs.map(\.match).reversed()).map { "\($0.term.plainText): \($1)" }.joined(separator: "; ")
                        #expect(result.html.contains("<p>Your answer: \(CurriculumHTML.escape(given))</p>"), "\(moduleID) \(question.id)")
                        shown.insert("matching")
                    case .ordering(let items):
                        let given = items.reversed().enumerated().map { "\($0.offset + 1). \($0.element.text.plainText)" }.joined(separator: "; ")
                        #expect(result.html.contains("<p>Your answer: \(CurriculumHTML.escape(given))</p>"), "\(moduleID) \(question.id)")
                        shown.insert("ordering")
                    default: break
                    }
                }
            }
            return shown
        }
        #expect(shown == ["matching", "ordering"])
    }
}

/// A check sent with questions left blank asks first, keeping the answers, and counts nothing
/// until the trainee chooses to send it as it is.
@Suite struct BlankAnswersTests {
    @Test func blanksAreAskedAboutBeforeTheTryCounts() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        try await app.recordProgress(finishing: [])
        let traineeID = try #require(app.people[.trainee]?.id)
        let module = try #require(app.programme.module("role"))
        let assessment = try #require(app.programme.assessment(for: module))
        let all = Answers.fields(assessment, right: true)
        let firstField = try #require(all.first?.0)
        let partial = all.filter { $0.0 != firstField }
        @Sendable func tries() async throws -> Int {
            try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).filter { $0.datedAttempt != nil }.count
        }
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/modules/role")
            try await browser.post("/modules/role/read")
            try await browser.get("/modules/role/check")
            let asked = try await browser.post("/modules/role/check", partial)
            #expect(asked.status == .ok)
            #expect(asked.html.contains("You have not answered 1 question yet."))
            #expect(asked.html.contains(##"<a href="#\##(firstField)">Question 1</a>"##))
            #expect(asked.html.contains(#"name="send-anyway" value="yes""#))
            #expect(try await tries() == 0, "a try was counted before they chose")
            if let kept = partial.first(where: { !$0.1.isEmpty }) {
                #expect(asked.html.contains("value=\"\(kept.1)\"") , "an answer given was not kept")
            }
            let sent = try await browser.post("/modules/role/check", partial + [("send-anyway", "yes")])
            #expect(sent.status == .seeOther)
            #expect(try await tries() == 1)
        }
    }
}
