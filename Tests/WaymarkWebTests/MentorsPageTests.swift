import Foundation
import Testing
import WaymarkActions
import WaymarkPasswords
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum MentorsPageChecks {
    /// `/mentors` gave every mentee, finished or not, a full card with a form (34 KB, 14,000 px
    /// at 320 px), and the wellbeing answers of earlier sessions were shown nowhere.
    static func finishedMenteesAreAListAndEarlierSessionsAreShown(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let supervisorID = try #require(app.people[.supervisor]?.id)
        let records = TraineeRecords(store: app.store)
        let left = try await app.store.addPerson(
            NewPerson(name: "Lee Left", email: "left@example.org", roles: [.trainee], passwordHash: Passwords(cost: 4).hash(WebTestApp.password)),
            at: Date()
        )
        try await Enrolments(store: app.store).enrol(left.id, on: app.programme, supervisorID: supervisorID, at: Date())
        try await records.record(.withdrawn, for: left.id, on: app.programme, by: traineeID, reason: "Moving away.", at: Date())
        let day = 86_400.0
        for (daysAgo, wellbeing) in [(40.0, WellbeingCheck.good), (30, .someConcerns), (20, .needsSupport), (10, .good)] {
            try await records.record(
                .supervisionRecorded(on: Date().addingTimeInterval(-daysAgo * day), minutes: 50, supervisorID: supervisorID, wellbeing: wellbeing),
                for: traineeID,
                on: app.programme,
                by: supervisorID,
                at: Date()
            )
        }
        try await app.test { browser in
            try await browser.signIn("supervisor@example.org")
            let page = try await browser.get("/mentors")
            #expect(page.status == .ok)
            // The mentee still supervised has their card and form; the one who left has a line.
            #expect(page.html.contains("action=\"/mentors/\(traineeID)/supervision#mentor-\(traineeID)\""))
            #expect(!page.html.contains("action=\"/mentors/\(left.id)/supervision"))
            #expect(page.html.contains("<h2>No longer in training or practice</h2>"))
            #expect(page.html.contains("<a href=\"/mentors/\(left.id)\">Lee Left</a>: Withdrawn."))
            // The three most recent sessions, newest first, with how they were doing.
            #expect(page.html.contains("minutes. Wellbeing: Doing well</li><li>"))
            #expect(page.html.contains("Wellbeing: Needs support now"))
            #expect(page.html.contains("Wellbeing: Some concerns"))
            #expect(page.html.components(separatedBy: "minutes. Wellbeing:").count - 1 == 3)

            let history = try await browser.get("/mentors/\(traineeID)")
            #expect(history.status == .ok)
            #expect(history.html.contains("<h1>Sam Trainee</h1>"))
            #expect(history.html.components(separatedBy: "<td>50</td>").count - 1 == 4)
            #expect(history.html.contains("<td>Needs support now</td>"))
            #expect(try await browser.get("/mentors/\(left.id)").status == .ok)
        }
    }

    /// A supervisor sees only their own mentees' sessions.
    static func anotherSupervisorsMenteeIsNotShown(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        _ = try await app.store.addPerson(
            NewPerson(name: "Other Supervisor", email: "other@example.org", roles: [.supervisor], passwordHash: Passwords(cost: 4).hash(WebTestApp.password)),
            at: Date()
        )
        try await app.test { browser in
            try await browser.signIn("other@example.org")
            #expect(try await browser.get("/mentors/\(traineeID)").status == .forbidden)
            #expect(try await browser.get("/mentors/not-a-person").status == .forbidden)
        }
    }
}

extension MentorsPageChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("finishedMenteesAreAListAndEarlierSessionsAreShown", finishedMenteesAreAListAndEarlierSessionsAreShown),
        StoreCheck("anotherSupervisorsMenteeIsNotShown", anotherSupervisorsMenteeIsNotShown),
    ])
}
