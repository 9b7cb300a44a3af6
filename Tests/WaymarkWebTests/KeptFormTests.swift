import Foundation
import HTTPTypes
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

extension Browser.Page {
    /// The hidden fields of the first form whose action is `action`, as a browser would send them.
    func hiddenFields(inFormTo action: String) -> [(String, String)] {
        guard let start = html.range(of: "action=\"\(action)\""), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let form = String(html[start.upperBound..<end.lowerBound])
        let pattern = #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        return expression.matches(in: form, range: NSRange(form.startIndex..., in: form)).compactMap { match in
            guard let name = Range(match.range(at: 1), in: form), let value = Range(match.range(at: 2), in: form) else { return nil }
            return (Self.unescaped(String(form[name])), Self.unescaped(String(form[value])))
        }
    }

    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum KeptFormChecks {
    /// A reflection sent after the session ended went to sign-in, then to the home page, and its
    /// text was lost. Now it rides through signing in and is sent only when the trainee says so.
    static func aReflectionSentAfterTheSessionEndedSurvivesSigningInAgain(_ backend: Backend) async throws {
        let clock = TestClock()
        let app = try await WebTestApp(backend: backend, now: clock.now)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let words = "Line one of what I wrote, with \"quotes\" & <angle> marks.\nLine two, after a break. " + Answers.reflection
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/reflections/why-mentor")
            clock.advance(by: 3 * 3_600)
            let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count

            let signIn = try await browser.post("/reflections/why-mentor", [("text", words), ("action", "submit")])
            #expect(signIn.status == .unauthorized)
            #expect(signIn.html.contains("You were signed out, so what you just sent has not been saved yet."))
            let kept = signIn.hiddenFields(inFormTo: "/login").filter { $0.0 != "csrf" }
            #expect(kept.contains { $0 == ("kept:text", words) }, "\(kept)")
            #expect(kept.contains { $0 == ("kept-path", "/reflections/why-mentor") })

            // A wrong password first: the kept form stays on the page.
            let wrong = try await browser.post("/login", [("email", "trainee@example.org"), ("password", "not the password")] + kept)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.hiddenFields(inFormTo: "/login").contains { $0 == ("kept:text", words) })

            let resend = try await browser.post("/login", [("email", "trainee@example.org"), ("password", WebTestApp.password)] + kept)
            #expect(resend.status == .ok)
            #expect(resend.html.contains("<h1>Send what you wrote</h1>"))
            #expect(resend.html.contains("Line one of what I wrote, with &quot;quotes&quot; &amp; &lt;angle&gt; marks."))
            #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)

            let again = resend.hiddenFields(inFormTo: "/reflections/why-mentor").filter { $0.0 != "csrf" }
            #expect(again.contains { $0 == ("text", words) } && again.contains { $0 == ("action", "submit") }, "\(again)")
            let sent = try await browser.post("/reflections/why-mentor", again)
            #expect(sent.status == .seeOther)
            let reflections = try await browser.get("/reflections/why-mentor")
            #expect(reflections.html.contains("Line two, after a break."))
            #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before + 1)
        }
    }

    /// Another site can make a signed-out browser post to Waymark; its words are not kept to be
    /// offered back to the person as their own.
    static func aFormFromAnotherSiteIsNotKept(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.get("/login")
            browser.extraHeaders[.origin] = "https://evil.example"
            let page = try await browser.post("/reflections/why-mentor", [("text", "Words I never wrote."), ("action", "submit")])
            #expect(page.status == .seeOther)
            #expect(page.location == "/login?next=/")
            if let fetchSite = HTTPField.Name("Sec-Fetch-Site") {
                browser.extraHeaders = [fetchSite: "cross-site"]
                let again = try await browser.post("/reflections/why-mentor", [("text", "Words I never wrote."), ("action", "submit")])
                #expect(again.status == .seeOther)
                #expect(!again.html.contains("Words I never wrote."))
            }
        }
    }
}

extension KeptFormChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aReflectionSentAfterTheSessionEndedSurvivesSigningInAgain", aReflectionSentAfterTheSessionEndedSurvivesSigningInAgain),
        StoreCheck("aFormFromAnotherSiteIsNotKept", aFormFromAnotherSiteIsNotKept),
    ])
}
