import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// A problem with a form is found at once, even on a long page, and a form that cannot be read
/// is refused whole. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum FormProblemChecks {
    /// On the long trainee page a problem was a summary with no link and nothing beside the
    /// field, and the page came back at its top; the vetting note had no summary at all.
    static func aFormErrorOnALongPageComesBackAtTheFormWithASummary(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let page = try await browser.get("/trainees/\(traineeID)")
            for (action, section) in [("checks", "recruitment"), ("decision", "suitability"), ("certificate", "certificate")] {
                #expect(page.html.contains("action=\"/trainees/\(traineeID)/\(action)#\(section)\""), "\(action)")
                #expect(page.html.contains("<h2 id=\"\(section)\">"), "\(section)")
            }
            let refused = try await browser.post("/trainees/\(traineeID)/decision", [("decision", "suitable"), ("rationale", "")])
            #expect(refused.status == .badRequest)
            let summary = try #require(refused.html.range(of: "class=\"error-summary\""))
            let firstSection = try #require(refused.html.range(of: "<h2>What happens next</h2>"))
            #expect(summary.lowerBound < firstSection.lowerBound, "the summary is not at the top")
            refused.showsProblem(on: "rationale", "Write why you made this decision.")
            // Saved, it goes where the notice is, not to the section the form's action named.
            let saved = try await browser.post("/trainees/\(traineeID)/decision", [("decision", "suitable"), ("rationale", "Ready to start.")])
            #expect(saved.location == "/trainees/\(traineeID)?notice=recorded#main")
            #expect(try await browser.get(try #require(saved.location)).html.contains("role=\"status\">Saved.</p>"))

            let vetting = "/trainees/\(traineeID)/vetting"
            let notes = try await browser.get(vetting)
            #expect(notes.html.contains("action=\"\(vetting)/notes#notes\""))
            #expect(notes.html.contains("<h2 id=\"notes\">"))
            let empty = try await browser.post("\(vetting)/notes", [("note", " ")])
            #expect(empty.status == .badRequest)
            empty.showsProblem(on: "note", "Write the note first.")
        }
    }

    /// `%00` cut text short without a word, and a broken escape was kept as typed.
    static func aFormThatCannotBeReadIsRefusedWholeWithAWord(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            for body in ["note=caf%FF", "note=50%", "note=%zz"] {
                try await browser.get("/application")
                let page = try await browser.postEncoded("/application", body)
                #expect(page.status == .badRequest, "\(body)")
                #expect(page.html.contains("We could not read what was sent"), "\(body)")
                #expect(page.html.contains("Nothing was saved."), "\(body)")
            }
            try await browser.get("/application")
            let nul = try await browser.postEncoded("/application", "note=Free%00on+Tuesdays")
            #expect(nul.status == .badRequest)
            nul.showsProblem(on: "note", FreeText.hiddenCharacters)
        }
        #expect(try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count == before)
    }
}

extension FormProblemChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aFormErrorOnALongPageComesBackAtTheFormWithASummary", aFormErrorOnALongPageComesBackAtTheFormWithASummary),
        StoreCheck("aFormThatCannotBeReadIsRefusedWholeWithAWord", aFormThatCannotBeReadIsRefusedWholeWithAWord),
    ])
}
