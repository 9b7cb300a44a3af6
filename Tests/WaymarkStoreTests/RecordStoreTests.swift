import Foundation
import Testing
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum RecordStoreChecks {
    static func migratesAnEmptyDatabaseInOrder(_ temporary: TemporaryStore) async throws {
        let applied = try await temporary.store.appliedMigrations()
        #expect(
            applied == [
                "001-people", "002-records", "003-vetting-and-audit", "004-sessions", "005-certificates", "006-summary-names",
                "007-form-submissions", "008-lookup-counts", "009-counter-expiry", "010-status-lists", "011-audit-log-page",
                "012-applications",
                "013-outbox",
                "014-curriculum-versions",
                "015-cohort-binary-order",
            ]
        )
        // Opening again applies nothing new and loses nothing.
        let again = try await temporary.location.open(timeout: TestDatabase.openTimeout)
        #expect(try await again.appliedMigrations() == applied)
        await again.close()
    }

    static func everyKindOfEventComesBackAsItWentIn(_ temporary: TemporaryStore) async throws {
        let trainee = try await enrolledTrainee(temporary.store)
        let attempt = AttemptRecord(
            assessmentID: "a",
            moduleID: "m",
            answers: ["q1": .choice("b"), "q2": .reflection("I felt <b>")],
            points: ["q1": 1],
            possiblePoints: 1,
            passMark: 70
        )
        let kinds: [EventKind] = [
            .applicationSubmitted,
            .checkRecorded(checkID: "references", outcome: .complete, note: "From a tutor"),
            .suitabilityDecided(decision: .notYet, revisitOn: start.addingTimeInterval(30 * day)),
            .suitabilityDecided(decision: .suitable, revisitOn: nil),
            .unitRead(moduleID: "role"),
            .assessmentAttempted(attempt),
            .anotherTryAllowed(assessmentID: "a"),
            .reflectionSubmitted(promptID: "why", text: "Because 'quotes' & <tags>"),
            .reflectionReviewed(promptID: "why", outcome: .accepted, feedback: "Thank you"),
            .practiceLogged(entryID: "e1", on: start, hours: 2.5, setting: "Drop-in"),
            .practiceCountersigned(entryID: "e1"),
            .supervisionRecorded(on: start, minutes: 45, supervisorID: "s1", wellbeing: .needsSupport),
            .cpdLogged(on: start, hours: 3, activity: "Course"),
            .certificateIssued(code: "WM-1", validUntil: start.addingTimeInterval(700 * day)),
            .certificateSuspended(code: "WM-1"), .certificateReinstated(code: "WM-1"),
            .certificateRenewed(previousCode: "WM-1", code: "WM-2", validUntil: nil),
            .certificateRevoked(code: "WM-2"), .paused, .resumed, .withdrawn,
        ]
        let events = kinds.enumerated().map { event($0.offset + 1, trainee.id, $0.element, reason: $0.offset % 3 == 0 ? "why not" : nil) }
        try await temporary.store.append(events, summary: summary(trainee.id, last: events.count))
        #expect(try await temporary.store.events(traineeID: trainee.id, programmeID: "p") == events)
        // One try's answers, read alone, as a result page does: the attempt is event 6.
        #expect(try await temporary.store.answers(traineeID: trainee.id, programmeID: "p", sequence: 6) == attempt.answers)
        #expect(try await temporary.store.answers(traineeID: trainee.id, programmeID: "p", sequence: 5) == nil)
        #expect(try await temporary.store.answers(traineeID: trainee.id, programmeID: "p", sequence: 99) == nil)
    }

    static func aTakenSequenceNumberIsAConflictAndNothingLands(_ temporary: TemporaryStore) async throws {
        let trainee = try await enrolledTrainee(temporary.store)
        try await temporary.store.append([event(1, trainee.id, .applicationSubmitted)], summary: summary(trainee.id, last: 1))
        await #expect(throws: StoreError.conflict) {
            try await temporary.store.append(
                [event(2, trainee.id, .unitRead(moduleID: "a")), event(1, trainee.id, .paused)],
                summary: summary(trainee.id, last: 2, step: "changed")
            )
        }
        // The whole transaction rolled back: no event 2, the summary as it was.
        #expect(try await temporary.store.events(traineeID: trainee.id, programmeID: "p").map(\.sequence) == [1])
        let page = try await temporary.store.summaries(programmeID: "p", stage: nil, offset: 0, limit: 10)
        #expect(page.summaries.map(\.nextStep) == ["Read the first unit"])
        #expect(page.summaries.map(\.lastSequence) == [1])
    }

    static func eventsCannotBeChangedOrDeleted(_ temporary: TemporaryStore) async throws {
        let trainee = try await enrolledTrainee(temporary.store)
        try await temporary.store.append(
            [event(1, trainee.id, .reflectionSubmitted(promptID: "r", text: "mine"))],
            summary: summary(trainee.id, last: 1)
        )
        for sql in ["DELETE FROM events", "UPDATE events SET body = 'edited'", "UPDATE events SET kind = 'paused', erased = TRUE"] {
            await #expect(throws: StoreError.self) {
                try await temporary.store.execute(unsafeSQL: sql)
            }
        }
        #expect(
            try await temporary.store.events(traineeID: trainee.id, programmeID: "p").first?.kind == .reflectionSubmitted(promptID: "r", text: "mine")
        )
    }

    static func anEventNeedsAnEnrolment(_ temporary: TemporaryStore) async throws {
        await #expect(throws: StoreError.self) {
            try await temporary.store.append([event(1, "nobody", .applicationSubmitted)], summary: summary("nobody", last: 1))
        }
    }

    static func listsSummariesByNameWithStageFilterAndPages(_ temporary: TemporaryStore) async throws {
        for (index, name) in ["Cara", "Ali", "Ben", "Dee"].enumerated() {
            let trainee = try await enrolledTrainee(temporary.store, name: name)
            try await temporary.store.append(
                [event(1, trainee.id, .applicationSubmitted)],
                summary: summary(trainee.id, last: 1, stage: index % 2 == 0 ? .inTraining : .applicant)
            )
        }
        let first = try await temporary.store.summaries(programmeID: "p", stage: nil, offset: 0, limit: 3)
        #expect(first.total == 4)
        // Ali and Dee applied and nothing is decided yet: new applications come first, then by name.
        #expect(first.summaries.map(\.name) == ["Ali", "Dee", "Ben"])
        let second = try await temporary.store.summaries(programmeID: "p", stage: nil, offset: 3, limit: 3)
        #expect(second.summaries.map(\.name) == ["Cara"])
        let training = try await temporary.store.summaries(programmeID: "p", stage: .inTraining, offset: 0, limit: 10)
        #expect(training.summaries.map(\.name) == ["Ben", "Cara"])
        #expect(training.total == 2)
    }

    static func erasureBlanksPersonalDataKeepsTheFactsAndSaysSo(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let trainee = try await enrolledTrainee(store, name: "Jo Private", email: "jo@example.org")
        try await store.append(
            [
                event(1, trainee.id, .reflectionSubmitted(promptID: "r", text: "my own story")),
                event(2, trainee.id, .practiceLogged(entryID: "e", on: start, hours: 3, setting: "Hostel on Mill Street")),
                event(3, trainee.id, .unitRead(moduleID: "role"), reason: "personal reason"),
            ],
            summary: summary(trainee.id, last: 3)
        )
        try await store.addVettingNote(traineeID: trainee.id, text: "call back", by: "c", at: start)

        try await store.erasePersonalData(personID: trainee.id, by: "admin-1", at: start.addingTimeInterval(day))

        let person = try #require(try await store.person(id: trainee.id))
        #expect(person.name == "Erased")
        #expect(person.email != "jo@example.org")
        #expect(!person.isActive)
        #expect(try await store.person(email: "jo@example.org") == nil)
        let events = try await store.events(traineeID: trainee.id, programmeID: "p")
        #expect(events.map(\.sequence) == [1, 2, 3, 4])
        #expect(events[0].kind == .reflectionSubmitted(promptID: "r", text: ""))
        #expect(events[1].kind == .practiceLogged(entryID: "e", on: start, hours: 3, setting: ""))
        #expect(events[2].kind == .unitRead(moduleID: "role"))
        #expect(events[2].reason == nil)
        #expect(events[3].kind == .personalDataErased)
        #expect(try await store.vettingNotes(traineeID: trainee.id, viewedBy: "c", at: start).isEmpty)
        #expect(try await store.auditEntries(subjectID: trainee.id).contains { $0.action == "person.erased" && $0.actorID == "admin-1" })
        // Erasing twice is harmless.
        try await store.erasePersonalData(personID: trainee.id, by: "admin-1", at: start.addingTimeInterval(2 * day))
    }
}

extension RecordStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("migratesAnEmptyDatabaseInOrder", migratesAnEmptyDatabaseInOrder),
        StoreCheck("everyKindOfEventComesBackAsItWentIn", everyKindOfEventComesBackAsItWentIn),
        StoreCheck("aTakenSequenceNumberIsAConflictAndNothingLands", aTakenSequenceNumberIsAConflictAndNothingLands),
        StoreCheck("eventsCannotBeChangedOrDeleted", eventsCannotBeChangedOrDeleted),
        StoreCheck("anEventNeedsAnEnrolment", anEventNeedsAnEnrolment),
        StoreCheck("listsSummariesByNameWithStageFilterAndPages", listsSummariesByNameWithStageFilterAndPages),
        StoreCheck("erasureBlanksPersonalDataKeepsTheFactsAndSaysSo", erasureBlanksPersonalDataKeepsTheFactsAndSaysSo),
    ])
}
