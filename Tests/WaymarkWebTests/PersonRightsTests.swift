import Foundation
import Testing
import WaymarkCredentials
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// A person's rights under UK GDPR from the admin's pages: a copy of everything held, erasure
/// asked first, the audit log to read. Run on SQLite and on PostgreSQL by `BothStores.swift`.
enum PersonRightsChecks {
    static func anAdminReadsAndDownloadsEverythingHeldAboutAPerson(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Jo Bloggs")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let adminID = try #require(app.people[.admin]?.id)
        let coordinatorID = try #require(app.people[.coordinator]?.id)
        try await app.store.saveDraft(traineeID: traineeID, programmeID: app.programme.id, promptID: "why", text: "A draft not sent yet", at: Date())
        _ = try await app.store.vettingRecord(traineeID: traineeID, viewedBy: coordinatorID, at: Date())
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            #expect(try await browser.get("/people").html.contains("href=\"/people/\(traineeID)\""))
            let person = try await browser.get("/people/\(traineeID)")
            #expect(person.status == .ok)
            #expect(person.html.contains("href=\"/people/\(traineeID)/data.json\""))
            #expect(person.html.contains("href=\"/people/\(traineeID)/erase\""))

            let page = try await browser.get("/people/\(traineeID)/data")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let held = [
                "Jo Bloggs", "trainee@example.org", "SECRET-REFLECTION my time inside", "SECRET-SETTING probation office", "A draft not sent yet",
                "Supervision on", "Coordinator Person looked at the DBS record of Jo Bloggs",
            ]
            for held in held {
                #expect(page.html.contains(held), "the copy lacks \(held)")
            }

            let file = try await browser.get("/people/\(traineeID)/data.json")
            #expect(file.status == .ok)
            #expect(file.headers[.cacheControl] == "no-store")
            #expect(file.headers[.contentType] == "application/json")
            let disposition = try #require(file.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment; filename=\"waymark-personal-data-") && !disposition.contains("Jo"))
            let copy = try PersonalData.read(Data(file.html.utf8))
            #expect(copy.profile.email == "trainee@example.org")
            #expect(copy.drafts.map(\.text) == ["A draft not sent yet"])
            #expect(copy.auditAboutThem.contains { $0.action == "vetting.viewed" && $0.actorID == coordinatorID })
        }
        let exported = try await app.store.auditEntries(subjectID: traineeID).filter { $0.action == "person.exported" }
        #expect(exported.count == 2 && exported.allSatisfy { $0.actorID == adminID })
        // Only admins: nobody else reads it, and their tries copy nothing.
        for role in ["trainee", "coordinator", "supervisor"] {
            try await app.test { browser in
                try await browser.signIn("\(role)@example.org")
                for path in [
                    "/people/\(traineeID)", "/people/\(traineeID)/data", "/people/\(traineeID)/data.json", "/people/\(traineeID)/erase", "/audit",
                ] {
                    #expect(try await browser.get(path).status == .forbidden, "\(role) \(path)")
                }
            }
        }
        #expect(try await app.store.auditEntries(subjectID: traineeID).filter { $0.action == "person.exported" }.count == 2)
    }

    static func erasureIsAskedFirstNamingThePersonThenTheCertificateSaysOnlyNoLongerValid(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Jo Bloggs")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let code = try await app.test { browser in try await app.issueCertificateAsCoordinator(browser) }
        try await app.test { trainee in
            try await trainee.signIn("trainee@example.org")
            #expect(try await trainee.get("/dashboard").status == .ok)
            try await app.test { browser in
                try await browser.signIn("admin@example.org")
                let asked = try await browser.get("/people/\(traineeID)/erase")
                #expect(asked.html.contains("Erase Jo Bloggs&#39;s personal data?") || asked.html.contains("Erase Jo Bloggs's personal data?"))
                #expect(asked.html.contains("Yes, erase Jo Bloggs"))
                let done = try await browser.post("/people/\(traineeID)/erase")
                #expect(done.location == "/people?notice=erased")
                let people = try await browser.get(try #require(done.location))
                #expect(people.html.contains("Their personal data is erased"))
                #expect(!people.html.contains("Jo Bloggs"))
                let log = try await browser.get("/audit?action=person.erased")
                #expect(log.html.contains("Admin Person (admin) erased the personal data of a person whose data was erased"))
            }
            // Their session ended with the erasure.
            #expect(try await trainee.get("/dashboard").location?.hasPrefix("/login") == true)
        }
        try await app.test { verifier in
            let page = try await verifier.get("/verify/\(code)")
            #expect(page.status == .ok)
            #expect(page.html.contains("No longer valid"))
            #expect(page.html.contains("This certificate is no longer valid."))
            for never in ["Jo Bloggs", "Erased", "erased", "Revoked", "withdrawn"] {
                #expect(!page.html.contains(never), "the verify page says \(never)")
            }
            let printable = try await verifier.get("/certificates/\(code)")
            #expect(!printable.html.contains("Jo Bloggs") && !printable.html.contains("awarded to"))
            #expect(try await verifier.get("/credentials/\(code).jwt").status == .notFound)
            let status = try await verifier.get("/credentials/\(code)/status")
            #expect(status.html.contains("\"label\" : \"No longer valid\"") || status.html.contains("\"label\":\"No longer valid\""))
            #expect(!status.html.contains("Jo Bloggs"))
        }
    }

    static func nobodyErasesThemselvesOrTheLastAdmin(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let adminID = try #require(app.people[.admin]?.id)
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            let asked = try await browser.get("/people/\(adminID)/erase")
            #expect(asked.html.contains("You cannot erase your own record. Another admin can do that."))
            #expect(!asked.html.contains("Yes, erase"))
            let refused = try await browser.post("/people/\(adminID)/erase")
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("You cannot erase your own record."))
        }
        #expect(try await app.store.person(id: adminID)?.name == "Admin Person")
        #expect(!(try await app.store.auditEntries(subjectID: adminID).contains { $0.action == "person.erased" }))
    }

    static func theAuditLogReadsInWordsFiltersAndPages(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Jo Bloggs")
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinatorID = try #require(app.people[.coordinator]?.id)
        try await app.store.recordVetting(
            VettingRecord(
                traineeID: traineeID,
                level: .enhanced,
                certificateNumber: "001234567890",
                issueDate: Date(),
                decision: .notYet,
                decidedBy: coordinatorID,
                decidedAt: Date()
            ),
            by: coordinatorID,
            at: Date().addingTimeInterval(-2_000)
        )
        for index in 0..<55 {
            _ = try await app.store.vettingRecord(traineeID: traineeID, viewedBy: coordinatorID, at: Date().addingTimeInterval(Double(index - 1_000)))
        }
        try await app.store.addVettingNote(traineeID: traineeID, text: "SECRET working note", by: coordinatorID, at: Date())
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            let all = try await browser.get("/audit")
            #expect(all.status == .ok)
            #expect(all.html.contains("Coordinator Person (coordinator) added a DBS working note for Jo Bloggs"))
            #expect(all.html.contains("Coordinator Person (coordinator) looked at the DBS record of Jo Bloggs"))
            for never in ["001234567890", "SECRET", "Not yet", "not-yet"] { #expect(!all.html.contains(never), "the log shows \(never)") }
            #expect(all.html.contains("<option value=\"vetting.viewed\">Looked at a DBS record</option>"))
            #expect(all.html.contains("href=\"/audit?page=2\" rel=\"next\">Older</a>"))
            #expect(!all.html.contains(">Newer</a>"))
            let older = try await browser.get("/audit?page=2")
            #expect(older.html.contains("href=\"/audit\" rel=\"prev\">Newer</a>"))
            #expect(older.html.contains("Coordinator Person (coordinator) recorded a DBS check for Jo Bloggs"))

            let filtered = try await browser.get("/audit?person=bloggs&action=vetting.recorded")
            #expect(filtered.html.contains("recorded a DBS check for Jo Bloggs"))
            #expect(!filtered.html.contains("looked at the DBS record"))
            #expect(filtered.html.contains("value=\"bloggs\""))
            #expect(filtered.html.contains("<option value=\"vetting.recorded\" selected>"))
            let today = WebDates().input(Date())
            let byDay = try await browser.get("/audit?person=nobody-at-all&from=\(today)&to=\(today)")
            #expect(byDay.html.contains("Nothing in the log matches."))
            let wrong = try await browser.get("/audit?from=2026-02-31&to=\(today)")
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains("Enter the first day like 2026-11-26"))
            #expect(wrong.html.contains("value=\"2026-02-31\""))
        }
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let dbs = try await browser.get("/trainees/\(traineeID)/vetting")
            #expect(dbs.html.contains("Who has looked"))
            #expect(dbs.html.contains("Looked at the DBS record"))
            #expect(dbs.html.contains("Added a working note"))
        }
    }
}

extension PersonRightsChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("anAdminReadsAndDownloadsEverythingHeldAboutAPerson", anAdminReadsAndDownloadsEverythingHeldAboutAPerson),
        StoreCheck("erasureIsAskedFirstNamingThePersonThenTheCertificateSaysOnlyNoLongerValid", erasureIsAskedFirstNamingThePersonThenTheCertificateSaysOnlyNoLongerValid),
        StoreCheck("nobodyErasesThemselvesOrTheLastAdmin", nobodyErasesThemselvesOrTheLastAdmin),
        StoreCheck("theAuditLogReadsInWordsFiltersAndPages", theAuditLogReadsInWordsFiltersAndPages),
    ])
}
