import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Several servers behind a load balancer, one database: nothing one server needs lives only in
/// another's memory. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum TwoServerChecks {
    static func aTraineeSignsInOnOneServerAndCarriesOnOnTheOther(_ backend: Backend) async throws {
        let first = try await WebTestApp(backend: backend)
        try await first.addPeople()
        let second = try await WebTestApp(secondServerOf: first)
        let programme = first.programme
        let traineeID = try #require(first.people[.trainee]?.id)
        // Recruitment done, so the trainee's first step is the first unit.
        let records = TraineeRecords(store: first.store)
        for check in programme.recruitment {
            for _ in 0..<check.count {
                try await records.record(
                    .checkRecorded(checkID: check.id, outcome: .complete, note: nil),
                    for: traineeID,
                    on: programme,
                    by: "c",
                    at: Date()
                )
            }
        }
        try await records.record(
            .suitabilityDecided(decision: .suitable, revisitOn: nil),
            for: traineeID,
            on: programme,
            by: "c",
            reason: "Fit",
            at: Date()
        )
        let assessment = try #require(programme.assessments["role-check"])

        try await first.testLive { one in
            try await second.testLive { other in
                #expect(one.client.port != other.client.port)
                #expect(try await one.signIn("trainee@example.org").location == "/dashboard")
                // The load balancer sends the next request to the other server.
                for (name, value) in one.cookies { other.setCookie(name, value) }
                #expect(try await other.get("/dashboard").nextStep == "Read \"What peer mentoring is, and what it is not\"")
                try await other.get("/modules/role")
                #expect(try await other.post("/modules/role/read").location == "/modules/role/check")
                #expect(try await one.get("/dashboard").nextStep == "Take the check for \"What peer mentoring is, and what it is not\"")

                // A form from one server's page is accepted by the other.
                try await one.get("/modules/role/check")
                let sent = try await other.post("/modules/role/check", Answers.fields(assessment, right: true), csrf: one.lastToken)
                #expect(sent.location == "/modules/role/result")
                #expect(try await one.get("/modules/role/result").status == .ok)

                // Every event is visible through both servers' stores.
                let onFirst = try await first.store.events(traineeID: traineeID, programmeID: programme.id)
                let onSecond = try await second.store.events(traineeID: traineeID, programmeID: programme.id)
                #expect(onFirst == onSecond)
                #expect(onFirst.map(\.sequence) == Array(1...onFirst.count))
                #expect(onFirst.contains { $0.kind == .unitRead(moduleID: "role") })
                #expect(onFirst.contains { if case .assessmentAttempted = $0.kind { true } else { false } })

                // Signing out on one server ends the session on both.
                try await one.post("/logout")
                #expect(try await other.get("/dashboard").location?.hasPrefix("/login") == true)
            }
        }
    }

    /// Two servers append for the same trainees at once for a few seconds: every sequence is
    /// complete and has no gaps, and every acknowledged event is there exactly once.
    static func twoServersAppendingAtOnceLoseNothing(_ backend: Backend) async throws {
        let first = try await WebTestApp(backend: backend)
        try await first.addPeople()
        let second = try await WebTestApp(secondServerOf: first)
        let programme = first.programme
        var trainees: [String] = []
        for index in 0..<3 {
            let person = try await first.store.addPerson(
                NewPerson(name: "Trainee \(index)", email: "t\(index)@example.org", roles: [.trainee], passwordHash: nil),
                at: Date()
            )
            try await Enrolments(store: first.store).enrol(person.id, on: programme, supervisorID: nil, at: Date())
            trainees.append(person.id)
        }
        let ids = trainees
        let deadline = ContinuousClock.now + .seconds(3)
        let acknowledged = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for (server, store) in [first.store, second.store].enumerated() {
                for worker in 0..<4 {
                    group.addTask {
                        let records = TraineeRecords(store: store)
                        var mine: [String: Int] = [:]
                        var round = 0
                        // Until the deadline, and at least 5 appends each however slow the machine is.
                        while ContinuousClock.now < deadline || round < 5 {
                            let trainee = ids[(worker + round) % ids.count]
                            round += 1
                            // TraineeRecords retries when the other server took the number first.
                            try await records.record(
                                .practiceLogged(entryID: "s\(server)-w\(worker)-\(round)", on: Date(), hours: 1, setting: "Drop-in"),
                                for: trainee,
                                on: programme,
                                by: trainee,
                                at: Date()
                            )
                            mine[trainee, default: 0] += 1
                        }
                        return mine
                    }
                }
            }
            var total: [String: Int] = [:]
            for try await counts in group { total.merge(counts, uniquingKeysWith: +) }
            return total
        }
        var stored = 0
        for trainee in ids {
            let events = try await second.store.events(traineeID: trainee, programmeID: programme.id)
            #expect(events.map(\.sequence) == Array(1...events.count))
            let entries = events.compactMap { event -> String? in
                if case .practiceLogged(let entry, _, _, _) = event.kind { return entry }
                return nil
            }
            #expect(entries.count == acknowledged[trainee] ?? 0)
            #expect(Set(entries).count == entries.count)
            stored += entries.count
        }
        #expect(stored >= 40)
    }
}

extension TwoServerChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aTraineeSignsInOnOneServerAndCarriesOnOnTheOther", aTraineeSignsInOnOneServerAndCarriesOnOnTheOther),
        StoreCheck("twoServersAppendingAtOnceLoseNothing", twoServersAppendingAtOnceLoseNothing),
    ])
}
