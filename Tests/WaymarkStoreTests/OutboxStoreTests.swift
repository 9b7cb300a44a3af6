import Foundation
import Testing
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// An email to `person` (or to nobody with an account) for the outbox.
func draft(_ personID: String?, _ address: String = "someone@example.org", kind: OutboxKind = .invite, once: String? = nil) -> OutboxDraft {
    OutboxDraft(personID: personID, address: address, kind: kind, subject: "Hello", plainText: "Hello\n", html: "<p>Hello</p>", onceKey: once)
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum OutboxStoreChecks {
    /// The invite email is written with its link, in one transaction; one sender takes it, and
    /// only that sender can mark it sent.
    static func mailWrittenWithItsLinkIsTakenByOneSender(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let person = try await enrolledTrainee(store)
        try await store.createToken(
            tokenHash: "h",
            purpose: .invite,
            personID: person.id,
            at: start,
            expiresAt: start + day,
            mail: [draft(person.id, person.email)]
        )
        #expect(try await store.validToken(tokenHash: "h", purpose: .invite, at: start).valid)
        #expect(try await store.outboxCounts() == OutboxCounts(waiting: 1))
        let taken = try await store.claimOutbox(owner: "a", at: start, leaseUntil: start + 300, limit: 10)
        #expect(taken.map(\.address) == [person.email])
        #expect(taken.first?.attempts == 1)
        #expect(try await store.claimOutbox(owner: "b", at: start, leaseUntil: start + 300, limit: 10).isEmpty)
        let id = try #require(taken.first?.id)
        try await store.markSent(id: id, owner: "b", at: start)
        #expect(try await store.outboxCounts() == OutboxCounts(sending: 1))
        try await store.markSent(id: id, owner: "a", at: start + 1)
        #expect(try await store.outboxCounts() == OutboxCounts(sent: 1))
        let entries = try await store.outboxEntries(personID: person.id)
        #expect(entries.map(\.state) == [.sent])
        #expect(entries.first?.sentAt == start + 1)
    }

    /// A link that cannot be stored (its hash is taken) leaves no email behind.
    static func mailIsNotWrittenWhenItsCauseFails(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        try await store.createToken(tokenHash: "taken", purpose: .invite, personID: nil, at: start, expiresAt: start + day)
        await #expect(throws: (any Error).self) {
            try await store.createToken(tokenHash: "taken", purpose: .invite, personID: nil, at: start, expiresAt: start + day, mail: [draft(nil)])
        }
        let trainee = try await enrolledTrainee(store)
        try await store.append([event(1, trainee.id, .applicationSubmitted)], summary: summary(trainee.id, last: 1))
        await #expect(throws: StoreError.conflict) {
            try await store.append(
                [event(1, trainee.id, .applicationSubmitted)],
                summary: summary(trainee.id, last: 1),
                certificate: nil,
                mail: [draft(trainee.id)]
            )
        }
        #expect(try await store.outboxCounts() == OutboxCounts())
        try await store.append([event(2, trainee.id, .paused)], summary: summary(trainee.id, last: 2), certificate: nil, mail: [draft(trainee.id)])
        #expect(try await store.outboxCounts() == OutboxCounts(waiting: 1))
    }

    /// A sender that stops (a crash) keeps its messages only until its lease runs out.
    static func aLeaseThatRunsOutLetsAnotherSenderTakeTheMessage(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        try await store.enqueue([draft(nil)], quietSince: nil, at: start)
        let first = try await store.claimOutbox(owner: "crashed", at: start, leaseUntil: start + 300, limit: 5)
        #expect(first.count == 1)
        #expect(try await store.claimOutbox(owner: "other", at: start + 299, leaseUntil: start + 600, limit: 5).isEmpty)
        let second = try await store.claimOutbox(owner: "other", at: start + 301, leaseUntil: start + 600, limit: 5)
        #expect(second.map(\.id) == first.map(\.id))
        #expect(second.first?.attempts == 2)
        // The first sender comes back too late: its word no longer counts.
        let id = try #require(first.first?.id)
        try await store.markNotSent(id: id, owner: "crashed", error: "late", retryAt: nil)
        try await store.markSent(id: id, owner: "other", at: start + 302)
        #expect(try await store.outboxCounts() == OutboxCounts(sent: 1))
    }

    /// A message not sent waits until its next try; one that fails for good is listed with its
    /// reason, and an admin's "try again" (audited) puts it back.
    static func aFailedMessageIsListedAndCanBeTriedAgain(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let person = try await enrolledTrainee(store)
        try await store.enqueue([draft(person.id, person.email)], quietSince: nil, at: start)
        let id = try #require(try await store.claimOutbox(owner: "s", at: start, leaseUntil: start + 300, limit: 5).first?.id)
        try await store.markNotSent(id: id, owner: "s", error: "421 busy", retryAt: start + 60)
        #expect(try await store.outboxCounts() == OutboxCounts(waiting: 1))
        #expect(try await store.claimOutbox(owner: "s", at: start + 59, leaseUntil: start + 400, limit: 5).isEmpty)
        #expect(try await store.claimOutbox(owner: "s", at: start + 60, leaseUntil: start + 400, limit: 5).map(\.id) == [id])
        try await store.markNotSent(id: id, owner: "s", error: "550 no such mailbox", retryAt: nil)
        #expect(try await store.outboxCounts() == OutboxCounts(failed: 1))
        let failed = try await store.failedMessages(limit: 10)
        #expect(failed.map(\.lastError) == ["550 no such mailbox"])
        #expect(failed.first?.attempts == 2)
        #expect(try await store.claimOutbox(owner: "s", at: start + day, leaseUntil: start + day + 300, limit: 5).isEmpty)
        #expect(try await store.retryFailedMessage(id: id, by: "admin", at: start + day))
        #expect(try await store.retryFailedMessage(id: id, by: "admin", at: start + day) == false)
        #expect(try await store.auditEntries(subjectID: person.id).contains { $0.action == "outbox.retry" && $0.actorID == "admin" && $0.detail == id })
        let again = try await store.claimOutbox(owner: "s", at: start + day, leaseUntil: start + day + 300, limit: 5)
        #expect(again.map(\.attempts) == [1])
    }

    /// Reminders are written at most once per key, and not inside a person's quiet time,
    /// however often (and on however many servers) they are worked out.
    static func onceKeysAndQuietTimesKeepRemindersFew(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let person = try await enrolledTrainee(store)
        #expect(try await store.enqueue([draft(person.id, kind: .certificateExpiring, once: "c:1")], quietSince: nil, at: start) == 1)
        #expect(try await store.enqueue([draft(person.id, kind: .certificateExpiring, once: "c:1")], quietSince: nil, at: start + day) == 0)
        #expect(try await store.enqueue([draft(person.id, kind: .certificateExpiring, once: "c:2")], quietSince: nil, at: start + day) == 1)
        #expect(try await store.enqueue([draft(person.id, kind: .supervisionOverdue, once: "s:1")], quietSince: start - 7 * day, at: start) == 1)
        #expect(try await store.enqueue([draft(person.id, kind: .supervisionOverdue, once: "s:2")], quietSince: start - 6 * day, at: start + day) == 0)
        #expect(try await store.enqueue([draft(person.id, kind: .supervisionOverdue, once: "s:3")], quietSince: start + 1, at: start + 8 * day) == 1)
        #expect(try await store.lastMessage(kind: .supervisionOverdue, personID: person.id) == start + 8 * day)
        #expect(try await store.lastMessage(kind: .newApplications, personID: person.id) == nil)
    }

    /// Erasure blanks the address and words of every email to the person, and one not sent
    /// yet is never sent.
    static func erasureBlanksTheirEmails(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let admin = try await store.addPerson(NewPerson(name: "Ada Admin", email: "ada@example.org", roles: [.admin], passwordHash: "x"), at: start)
        let person = try await enrolledTrainee(store, name: "Wendell Quorn", email: "wendell@example.org")
        try await store.enqueue(
            [OutboxDraft(personID: person.id, address: person.email, kind: .invite, subject: "Hello Wendell Quorn", plainText: "Wendell Quorn", html: "Wendell Quorn")],
            quietSince: nil,
            at: start
        )
        try await store.erasePersonalData(personID: person.id, by: admin.id, at: start + day)
        #expect(try await store.claimOutbox(owner: "s", at: start + day, leaseUntil: start + 2 * day, limit: 5).isEmpty)
        let entries = try await store.outboxEntries(personID: person.id)
        #expect(entries.map(\.address) == [""])
        #expect(entries.map(\.subject) == [""])
        #expect(entries.map(\.state) == [.failed])
        #expect(try await store.count(unsafeSQL: "SELECT COUNT(*) FROM outbox WHERE plain_text LIKE '%Wendell%' OR html LIKE '%Wendell%'") == 0)
        let id = try #require(entries.first?.id)
        #expect(try await store.retryFailedMessage(id: id, by: admin.id, at: start + 2 * day) == false)
    }

    /// The reminders' questions: supervisors with overdue mentors, certificates ending soon,
    /// applications sent in after a moment.
    static func remindersFindWhoIsDue(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let supervisor = try await store.addPerson(NewPerson(name: "Sue Visor", email: "sue@example.org", roles: [.supervisor], passwordHash: nil), at: start)
        let mentor = try await store.addPerson(NewPerson(name: "Mo", email: "mo@example.org", roles: [.trainee], passwordHash: nil), at: start)
        _ = try await store.enrol(Enrolment(traineeID: mentor.id, programmeID: "p", supervisorID: supervisor.id, enrolledAt: start))
        var due = summary(mentor.id, last: 1, stage: .inPractice)
        due.dates.supervisionDue = start + day
        try await store.append([event(1, mentor.id, .applicationSubmitted, at: start)], summary: due)
        #expect(try await store.supervisorsWithOverdueMentors(at: start).isEmpty)
        let overdue = try await store.supervisorsWithOverdueMentors(at: start + 2 * day)
        #expect(overdue.map(\.person.id) == [supervisor.id])
        #expect(overdue.map(\.overdueMentors) == [1])
        #expect(try await store.applicationsSent(after: start - day) == 1)
        #expect(try await store.applicationsSent(after: start + day) == 0)
        #expect(try await store.certificatesExpiring(at: start, before: start + 90 * day).isEmpty)
    }
}

extension OutboxStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("mailWrittenWithItsLinkIsTakenByOneSender", mailWrittenWithItsLinkIsTakenByOneSender),
        StoreCheck("mailIsNotWrittenWhenItsCauseFails", mailIsNotWrittenWhenItsCauseFails),
        StoreCheck("aLeaseThatRunsOutLetsAnotherSenderTakeTheMessage", aLeaseThatRunsOutLetsAnotherSenderTakeTheMessage),
        StoreCheck("aFailedMessageIsListedAndCanBeTriedAgain", aFailedMessageIsListedAndCanBeTriedAgain),
        StoreCheck("onceKeysAndQuietTimesKeepRemindersFew", onceKeysAndQuietTimesKeepRemindersFew),
        StoreCheck("erasureBlanksTheirEmails", erasureBlanksTheirEmails),
        StoreCheck("remindersFindWhoIsDue", remindersFindWhoIsDue),
    ])
}
