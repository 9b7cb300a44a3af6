import Foundation
import Testing
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// A form sent twice (a double click, a retry after a timeout, the back button) is recorded
/// once. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum RepeatedFormChecks {
    static func aFormSentTwiceIsRecordedOnce(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let checkID = try #require(app.programme.recruitment.first?.id)
        @Sendable func checks() async throws -> Int {
            try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).filter {
                if case .checkRecorded = $0.kind { return true }
                return false
            }.count
        }
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)")
            let first = try await browser.post("/trainees/\(traineeID)/checks", [("check", checkID), ("outcome", "complete")])
            let again = try await browser.post("/trainees/\(traineeID)/checks", [("check", checkID), ("outcome", "complete")])
            #expect(first.status == .seeOther)
            #expect(again.status == .seeOther)
            #expect(again.location == first.location)
            #expect(try await checks() == 1)

            // Two copies at the same moment: still one.
            try await browser.get("/trainees/\(traineeID)")
            async let one = browser.post("/trainees/\(traineeID)/checks", [("check", checkID), ("outcome", "complete")])
            async let two = browser.post("/trainees/\(traineeID)/checks", [("check", checkID), ("outcome", "complete")])
            let (a, b) = try await (one, two)
            #expect(a.status == .seeOther && b.status == .seeOther)
            #expect(try await checks() == 2)

            // The same form filled in differently is a different submission.
            try await browser.get("/trainees/\(traineeID)")
            try await browser.post("/trainees/\(traineeID)/checks", [("check", checkID), ("outcome", "complete")])
            try await browser.post("/trainees/\(traineeID)/checks", [("check", checkID), ("outcome", "needs-follow-up")])
            #expect(try await checks() == 4)
        }
    }

    static func aRefusedFormCanBeSentAgainOnceCorrected(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let page = try await browser.get("/trainees/\(traineeID)")
            #expect(page.status == .ok)
            let token = browser.lastToken
            let refused = try await browser.post("/trainees/\(traineeID)/decision", [("decision", "suitable"), ("rationale", " ")], csrf: token)
            #expect(refused.status == .badRequest)
            // Sent again exactly as before: refused again, not skipped as a repeat.
            let again = try await browser.post("/trainees/\(traineeID)/decision", [("decision", "suitable"), ("rationale", " ")], csrf: token)
            #expect(again.status == .badRequest)
            #expect(again.html.contains("A rationale is required"))
        }
    }
}

extension RepeatedFormChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aFormSentTwiceIsRecordedOnce", aFormSentTwiceIsRecordedOnce),
        StoreCheck("aRefusedFormCanBeSentAgainOnceCorrected", aRefusedFormCanBeSentAgainOnceCorrected),
    ])
}
