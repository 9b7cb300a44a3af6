import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// The DBS record: only what the code of practice allows, only for coordinators, and every
/// look at it logged. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum VettingPageChecks {
    static func aCoordinatorRecordsTheDBSCheckAndEveryLookIsLogged(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinatorID = try #require(app.people[.coordinator]?.id)
        let path = "/trainees/\(traineeID)/vetting"
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            #expect(try await browser.get("/trainees/\(traineeID)").html.contains("href=\"\(path)\""))
            let empty = try await browser.get(path)
            #expect(empty.status == .ok)
            #expect(empty.html.contains("Nothing yet."))

            // A mistake comes back with the problem by the field and what was typed kept.
            let wrong = try await browser.post(path, [("level", "enhanced"), ("number", "1234"), ("issued", "2026-03-01"), ("decision", "suitable")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains("There is a problem"))
            #expect(wrong.html.contains("Enter the 12-digit certificate number"))
            #expect(wrong.html.contains("value=\"1234\""))
            #expect(wrong.html.contains("id=\"level-enhanced\" name=\"level\" value=\"enhanced\" checked"))

            try await browser.get(path)
            let saved = try await browser.post(
                path,
                [("level", "enhanced-barred"), ("number", "0012 3456 7890"), ("issued", "2026-03-01"), ("decision", "suitable")]
            )
            #expect(saved.location == "\(path)?notice=recorded#main")
            let page = try await browser.get(path)
            #expect(page.html.contains("001234567890"))
            #expect(page.html.contains("Enhanced, with a check of the barred lists"))
            #expect(page.html.contains("Looked at the DBS record"))

            // Saving the DBS record completes the "DBS check" step, once, however often it is saved.
            try await browser.post(
                path,
                [("level", "enhanced-barred"), ("number", "0012 3456 7890"), ("issued", "2026-03-01"), ("decision", "suitable")]
            )
            let vettingCheck = try #require(app.programme.recruitment.first { $0.kind == .vetting })
            let completions = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).filter {
                $0.kind == .checkRecorded(checkID: vettingCheck.id, outcome: .complete, note: nil)
            }
            #expect(completions.count == 1)
            try await browser.get(path)

            try await browser.post("\(path)/notes", [("note", "Waiting for the update service")])
            #expect(try await browser.get(path).html.contains("Waiting for the update service"))
        }
        let record = try #require(try await app.store.vettingRecord(traineeID: traineeID, viewedBy: "test", at: Date()))
        #expect(record.certificateNumber == "001234567890" && record.level == .enhancedWithBarredLists && record.decidedBy == coordinatorID)
        let audit = try await app.store.auditEntries(subjectID: traineeID)
        #expect(audit.filter { $0.action == "vetting.viewed" && $0.actorID == coordinatorID }.count >= 4)
        #expect(audit.contains { $0.action == "vetting.recorded" && $0.actorID == coordinatorID })
        #expect(audit.contains { $0.action == "vetting.note-added" && $0.actorID == coordinatorID })

        // Nobody else may open it, and their attempts read nothing.
        for role in ["trainee", "supervisor", "admin"] {
            try await app.test { browser in
                try await browser.signIn("\(role)@example.org")
                #expect(try await browser.get(path).status == .forbidden, "\(role)")
            }
        }
        let after = try await app.store.auditEntries(subjectID: traineeID)
        #expect(after.filter { $0.action == "vetting.viewed" }.count == audit.filter { $0.action == "vetting.viewed" }.count)
    }
}

extension VettingPageChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aCoordinatorRecordsTheDBSCheckAndEveryLookIsLogged", aCoordinatorRecordsTheDBSCheckAndEveryLookIsLogged),
    ])
}
