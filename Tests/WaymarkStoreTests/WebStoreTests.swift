import Foundation
import Synchronization
import Testing
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// What the web app keeps in the store so that any server can serve any request. Run on SQLite
/// and on PostgreSQL by the suites in `BothStores.swift`.
enum WebStoreChecks {
    static func sessionsLiveUntilTheyEndOrThePersonIsDeactivated(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let person = try await enrolledTrainee(store)
        try await store.createSession(tokenHash: "h1", personID: person.id, csrfToken: "c1", at: start, expiresAt: start + day)
        try await store.createSession(tokenHash: "h2", personID: person.id, csrfToken: "c2", at: start, expiresAt: start + day)
        #expect(try await store.session(tokenHash: "h1", at: start + 60)?.person.id == person.id)
        #expect(try await store.session(tokenHash: "h1", at: start + 60)?.csrfToken == "c1")
        #expect(try await store.session(tokenHash: "h1", at: start + 2 * day) == nil)
        try await store.deleteSession(tokenHash: "h1")
        #expect(try await store.session(tokenHash: "h1", at: start + 60) == nil)
        #expect(try await store.session(tokenHash: "h2", at: start + 60) != nil)
        try await store.setActive(personID: person.id, active: false, by: "admin", at: start)
        #expect(try await store.session(tokenHash: "h2", at: start + 60) == nil)
        try await store.setActive(personID: person.id, active: true, by: "admin", at: start)
        try await store.createSession(tokenHash: "h3", personID: person.id, csrfToken: "c3", at: start, expiresAt: start + day)
        try await store.deleteSessions(personID: person.id)
        #expect(try await store.session(tokenHash: "h3", at: start + 60) == nil)
        let actions = try await store.auditEntries(subjectID: person.id).map(\.action)
        #expect(actions.contains("person.deactivated") && actions.contains("person.activated"))
    }

    static func aOneTimeLinkWorksOnceAndNotAfterItEnds(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        try await store.createToken(tokenHash: "t", purpose: .invite, personID: nil, at: start, expiresAt: start + day)
        #expect(try await store.validToken(tokenHash: "t", purpose: .invite, at: start).valid)
        #expect(try await store.validToken(tokenHash: "t", purpose: .setup, at: start).valid == false)
        #expect(try await store.useToken(tokenHash: "t", purpose: .invite, at: start + 60))
        #expect(try await store.useToken(tokenHash: "t", purpose: .invite, at: start + 61) == false)
        try await store.createToken(tokenHash: "late", purpose: .setup, personID: nil, at: start, expiresAt: start + day)
        #expect(try await store.useToken(tokenHash: "late", purpose: .setup, at: start + 2 * day) == false)
    }

    static func countersLimitWithinTheirWindowAndClear(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        for _ in 0..<3 { #expect(try await store.hit(key: "k", limit: 3, window: 60, at: start)) }
        #expect(try await store.isLimited(key: "k", limit: 3, window: 60, at: start + 1))
        #expect(try await store.hit(key: "k", limit: 3, window: 60, at: start + 2) == false)
        #expect(try await store.hit(key: "k", limit: 3, window: 60, at: start + 61))
        try await store.clearCounter(key: "k")
        #expect(try await store.isLimited(key: "k", limit: 1, window: 60, at: start + 62) == false)
    }

    /// Each sign-in try for a new key (any email typed, any address) makes a counter. Counters
    /// whose window has passed are deleted a few at a time as new ones are made, so the table
    /// holds about the counters still in their window, however many keys anyone tries.
    static func pastRateCountersAreDeletedAsNewOnesAreMade(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        for batch in 0..<5 {
            // Each batch comes after the hour the one before is remembered for.
            let at = start + Double(batch) * 3_700
            for key in 0..<100 {
                _ = try await store.countAttempt(key: "batch\(batch):\(key)", at: at, forgetAfter: 3_600, wait: { _ in 0 })
            }
            _ = try await store.hit(key: "hit\(batch)", limit: 5, window: 60, at: at)
        }
        // The last batch, and the hit counter its minute still holds (or one past counter not yet reached).
        #expect(try await store.count(unsafeSQL: "SELECT COUNT(*) FROM rate_counters") <= 102)
        // A counter still in its window is kept: the next try for it is its second.
        let again = try await store.countAttempt(key: "batch4:7", at: start + 4 * 3_700 + 10, forgetAfter: 3_600, wait: { _ in 0 })
        #expect(again == .counted(number: 2))
    }

    /// Counters from before they had an end are given one (a day after their last count), so
    /// they are cleaned away too.
    static func theMigrationGivesEarlierRateCountersAnEnd(_ temporary: TemporaryStore) async throws {
        let older = try await OlderStore.make(beside: temporary, upTo: "007-form-submissions")
        do {
            let counter = "('signin:address:192.0.2.1', \(start.timeIntervalSince1970), 3)"
            try await older.store.execute(unsafeSQL: "INSERT INTO rate_counters (key, window_start, count) VALUES \(counter)")
            let migrated = try await older.migrateTheRest()
            let ended = "SELECT COUNT(*) FROM rate_counters WHERE forget_at = window_start + 86400"
            #expect(try await migrated.count(unsafeSQL: ended) == 1)
            // A try a day and more later finds it gone, and deletes it.
            _ = try await migrated.countAttempt(key: "signin:address:192.0.2.2", at: start + 2 * day, forgetAfter: 3_600, wait: { _ in 0 })
            #expect(try await migrated.count(unsafeSQL: "SELECT COUNT(*) FROM rate_counters") == 1)
        } catch {
            await older.remove()
            throw error
        }
        await older.remove()
    }

    /// Tries are counted until one must wait; a try taken back leaves the wait, but a counter
    /// with every try taken back has no try to wait after, on both databases alike.
    static func triesAreCountedAndACounterAtZeroIsNotWaitedOn(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let wait: @Sendable (Int) -> TimeInterval = { $0 >= 2 ? 100 : 50 }
        #expect(try await store.countAttempt(key: "a", at: start, forgetAfter: 3_600, wait: { _ in 0 }) == .counted(number: 1))
        #expect(try await store.countAttempt(key: "a", at: start + 1, forgetAfter: 3_600, wait: { _ in 0 }) == .counted(number: 2))
        #expect(try await store.countAttempt(key: "a", at: start + 2, forgetAfter: 3_600, wait: wait) == .waitUntil(start + 101))
        try await store.uncountAttempt(key: "a")
        #expect(try await store.countAttempt(key: "a", at: start + 3, forgetAfter: 3_600, wait: wait) == .waitUntil(start + 51))
        try await store.uncountAttempt(key: "a")
        #expect(try await store.countAttempt(key: "a", at: start + 4, forgetAfter: 3_600, wait: wait) == .counted(number: 1))
        #expect(try await store.pendingMigrations().isEmpty)
        #expect(try await store.appliedMigrations().count == Schema.migrations.count)
    }

    /// Under load a sign-in can reach the counter after one that started later: with free tries
    /// left it is counted, not told to wait until a moment already past (which refused right
    /// passwords with 429 on a busy server), and the counter keeps the later time.
    static func aTryThatArrivesLateIsCountedWhileFreeTriesRemain(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let wait: @Sendable (Int) -> TimeInterval = { $0 >= 3 ? 100 : 0 }
        #expect(try await store.countAttempt(key: "late", at: start + 10, forgetAfter: 3_600, wait: wait) == .counted(number: 1))
        #expect(try await store.countAttempt(key: "late", at: start + 9, forgetAfter: 3_600, wait: wait) == .counted(number: 2))
        #expect(try await store.countAttempt(key: "late", at: start + 8, forgetAfter: 3_600, wait: wait) == .counted(number: 3))
        // The free tries are used up: the wait runs from the latest try, not the late one.
        #expect(try await store.countAttempt(key: "late", at: start + 11, forgetAfter: 3_600, wait: wait) == .waitUntil(start + 110))
    }

    static func draftsAreKeptPerPromptUntilDeleted(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let person = try await enrolledTrainee(store)
        try await store.saveDraft(traineeID: person.id, programmeID: "p", promptID: "r1", text: "first go", at: start)
        try await store.saveDraft(traineeID: person.id, programmeID: "p", promptID: "r1", text: "second go", at: start + 1)
        #expect(try await store.draft(traineeID: person.id, programmeID: "p", promptID: "r1") == "second go")
        #expect(try await store.draft(traineeID: person.id, programmeID: "p", promptID: "r2") == nil)
        try await store.deleteDraft(traineeID: person.id, programmeID: "p", promptID: "r1")
        #expect(try await store.draft(traineeID: person.id, programmeID: "p", promptID: "r1") == nil)
    }

    static func rolesAndSuperviseesAreRecorded(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let supervisor = try await store.addPerson(
            NewPerson(name: "Sue", email: "sue@example.org", roles: [.supervisor], passwordHash: nil),
            at: start
        )
        let trainee = try await enrolledTrainee(store)
        _ = try await store.enrol(Enrolment(traineeID: trainee.id, programmeID: "p", supervisorID: supervisor.id, enrolledAt: start))
        #expect(try await store.supervisees(supervisorID: supervisor.id).map(\.traineeID) == [trainee.id])
        try await store.setRoles(personID: supervisor.id, roles: [.supervisor, .coordinator], by: "admin", at: start)
        #expect(try await store.person(id: supervisor.id)?.roles == [.supervisor, .coordinator])
        await #expect(throws: StoreError.notFound("The person")) {
            try await store.setRoles(personID: "nobody", roles: [.admin], by: "admin", at: start)
        }
    }

    static func aFormKeyIsClaimedOnceAndRemembersWhereItWent(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        #expect(try await store.claimSubmission(key: "f1", personID: "p1", at: start) == .first)
        #expect(try await store.claimSubmission(key: "f1", personID: "p1", at: start + 1) == .repeated(location: nil))
        try await store.completeSubmission(key: "f1", location: "/practice")
        #expect(try await store.claimSubmission(key: "f1", personID: "p1", at: start + 2) == .repeated(location: "/practice"))
        #expect(try await store.claimSubmission(key: "f2", personID: "p1", at: start) == .first)
        try await store.releaseSubmission(key: "f2")
        #expect(try await store.claimSubmission(key: "f2", personID: "p1", at: start + 3) == .first)
        // Keys are forgotten after a day.
        #expect(try await store.claimSubmission(key: "f1", personID: "p1", at: start + 2 * day) == .first)
    }

    static func aTraineesRecordsComeInOneRead(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let trainee = try await enrolledTrainee(store)
        _ = try await store.enrol(Enrolment(traineeID: trainee.id, programmeID: "q", supervisorID: nil, enrolledAt: start + day))
        let attempt = AttemptRecord(assessmentID: "a", moduleID: "m", answers: ["q": .choice("x")], points: ["q": 1], possiblePoints: 1, passMark: 50)
        try await store.append([event(1, trainee.id, .assessmentAttempted(attempt))], summary: summary(trainee.id, last: 1))
        let records = try await store.traineeRecords(traineeID: trainee.id, answers: false)
        #expect(records.map(\.enrolment.programmeID) == ["p", "q"])
        #expect(records.map(\.events.count) == [1, 0])
        #expect(records.first?.events == (try await store.eventsForProgress(traineeID: trainee.id, programmeID: "p")))
        let withAnswers = try await store.traineeRecords(traineeID: trainee.id, answers: true)
        #expect(withAnswers.first?.events == (try await store.events(traineeID: trainee.id, programmeID: "p")))
        #expect(try await store.traineeRecords(traineeID: "nobody", answers: false).isEmpty)
    }

    static func cohortReadsSeeEveryTraineeOnce(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        var ids: [String] = []
        for name in ["B", "A", "C"] {
            let trainee = try await enrolledTrainee(store, name: name)
            ids.append(trainee.id)
            let attempt = AttemptRecord(
                assessmentID: "a",
                moduleID: "m",
                answers: ["q": .choice("x")],
                points: ["q": 1],
                possiblePoints: 1,
                passMark: 50
            )
            try await store.append(
                [event(1, trainee.id, .applicationSubmitted), event(2, trainee.id, .assessmentAttempted(attempt))],
                summary: summary(trainee.id, last: 2)
            )
        }
        #expect(try await store.programmesWithTrainees() == ["p"])
        let seen = Mutex<[String: Int]>([:])
        try await store.forEachTraineeEvents(programmeID: "p") { trainee, events in
            seen.withLock { $0[trainee] = events.count }
        }
        #expect(seen.withLock { $0 } == Dictionary(uniqueKeysWithValues: ids.map { ($0, 2) }))
        // Progress reads leave the answers out but keep the scores.
        let progress = try await store.eventsForProgress(traineeID: ids[0], programmeID: "p")
        guard case .assessmentAttempted(let attempt) = progress[1].kind else {
            Issue.record("expected an attempt")
            return
        }
        #expect(attempt.answers.isEmpty && attempt.points == ["q": 1] && attempt.passMark == 50)
        guard case .assessmentAttempted(let full) = try await store.events(traineeID: ids[0], programmeID: "p")[1].kind else { return }
        #expect(full.answers == ["q": .choice("x")])
    }
}

extension WebStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("sessionsLiveUntilTheyEndOrThePersonIsDeactivated", sessionsLiveUntilTheyEndOrThePersonIsDeactivated),
        StoreCheck("aOneTimeLinkWorksOnceAndNotAfterItEnds", aOneTimeLinkWorksOnceAndNotAfterItEnds),
        StoreCheck("countersLimitWithinTheirWindowAndClear", countersLimitWithinTheirWindowAndClear),
        StoreCheck("pastRateCountersAreDeletedAsNewOnesAreMade", pastRateCountersAreDeletedAsNewOnesAreMade),
        StoreCheck("theMigrationGivesEarlierRateCountersAnEnd", theMigrationGivesEarlierRateCountersAnEnd),
        StoreCheck("triesAreCountedAndACounterAtZeroIsNotWaitedOn", triesAreCountedAndACounterAtZeroIsNotWaitedOn),
        StoreCheck("aTryThatArrivesLateIsCountedWhileFreeTriesRemain", aTryThatArrivesLateIsCountedWhileFreeTriesRemain),
        StoreCheck("draftsAreKeptPerPromptUntilDeleted", draftsAreKeptPerPromptUntilDeleted),
        StoreCheck("rolesAndSuperviseesAreRecorded", rolesAndSuperviseesAreRecorded),
        StoreCheck("aFormKeyIsClaimedOnceAndRemembersWhereItWent", aFormKeyIsClaimedOnceAndRemembersWhereItWent),
        StoreCheck("aTraineesRecordsComeInOneRead", aTraineesRecordsComeInOneRead),
        StoreCheck("cohortReadsSeeEveryTraineeOnce", cohortReadsSeeEveryTraineeOnce),
    ])
}
