import Foundation
import Testing
import WaymarkActions
import WaymarkCurriculum
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// An application from the public form for the quick programme, sent at `at`.
func onlineApplication(name: String, email: String, contact: String = "", note: String = "", token: String = UUID().uuidString, at: Date = start)
    -> OnlineApplication
{
    OnlineApplication(
        name: name,
        email: email,
        contact: contact,
        note: note,
        programme: quickProgramme(),
        inviteTokenHash: token,
        inviteExpiresAt: at + day,
        at: at
    )
}

/// The id an application made, or a recorded issue.
func submitted(_ store: AnyWaymarkStore, _ application: OnlineApplication) async throws -> String {
    guard case .submitted(let id) = try await store.submitApplication(application) else {
        Issue.record("The application was not made")
        return ""
    }
    return id
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ApplicationStoreChecks {
    static func anApplicationMakesThePersonRecordAndLinkTogether(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let id = try await submitted(
            store,
            onlineApplication(name: "  Rae Newcomer ", email: "Rae@Example.org", contact: "07700 900123 after 5", note: "I was a mentee once.", token: "t1")
        )
        let person = try #require(try await store.person(id: id))
        #expect(person.name == "Rae Newcomer")
        #expect(person.email == "rae@example.org")
        #expect(person.roles == [.trainee])
        #expect(person.passwordHash == nil)
        #expect(try await store.enrolments(traineeID: id).map(\.programmeID) == ["p"])
        let events = try await store.events(traineeID: id, programmeID: "p")
        #expect(events.map(\.kind) == [.applicationSubmitted])
        #expect(events.first?.actorID == id)
        let summary = try #require(try await store.summaries(programmeID: "p", stage: nil, offset: 0, limit: 10).summaries.first)
        #expect(summary.traineeID == id && summary.stage == .applicant && summary.lastSequence == 1 && summary.name == "Rae Newcomer")
        let details = try #require(try await store.application(traineeID: id))
        #expect(details.contact == "07700 900123 after 5" && details.note == "I was a mentee once." && details.submittedAt == start)
        let link = try await store.validToken(tokenHash: "t1", purpose: .invite, at: start + 60)
        #expect(link.valid && link.personID == id)
    }

    static func aTakenEmailChangesNothingAndSaysSo(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let existing = try await enrolledTrainee(store, name: "Old Hand", email: "old@example.org")
        let outcome = try await store.submitApplication(onlineApplication(name: "Someone Else", email: " OLD@example.org", note: "hello", token: "t2"))
        #expect(outcome == .emailTaken)
        #expect(try await store.person(id: existing.id)?.name == "Old Hand")
        #expect(try await store.people(withRole: nil).count == 1)
        #expect(try await store.application(traineeID: existing.id) == nil)
        #expect(try await store.events(traineeID: existing.id, programmeID: "p").isEmpty)
        #expect(try await store.validToken(tokenHash: "t2", purpose: .invite, at: start).valid == false)
    }

    static func aFailedApplicationLeavesNothingBehind(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        // The last step (the invite link) fails: the person and their record go back with it.
        switch temporary.backend {
        case .sqlite:
            try await store.execute(unsafeSQL: "CREATE TRIGGER refuse_links BEFORE INSERT ON one_time_tokens BEGIN SELECT RAISE(ABORT, 'refused'); END")
        case .postgres:
            try await store.execute(unsafeSQL: "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$")
            try await store.execute(unsafeSQL: "CREATE TRIGGER refuse_links BEFORE INSERT ON one_time_tokens FOR EACH ROW EXECUTE FUNCTION refuse()")
        }
        await #expect(throws: StoreError.self) { try await store.submitApplication(onlineApplication(name: "Rae", email: "rae@example.org")) }
        #expect(try await store.person(email: "rae@example.org") == nil)
        for table in ["people", "enrolments", "events", "trainee_summaries", "applications"] {
            #expect(try await store.count(unsafeSQL: "SELECT COUNT(*) FROM \(table)") == 0, "\(table) kept a row")
        }
    }

    static func applicationsCloseAndOpenWithAnAuditEntry(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        #expect(try await store.applicationsOpen())
        try await store.setApplicationsOpen(false, by: "admin-1", at: start)
        #expect(try await store.applicationsOpen() == false)
        try await store.setApplicationsOpen(true, by: "admin-2", at: start + 60)
        #expect(try await store.applicationsOpen())
        let log = try await store.auditLog(AuditQuery(limit: 10)).entries
        #expect(log.map(\.action) == ["applications.opened", "applications.closed"])
        #expect(log.map(\.actorID) == ["admin-2", "admin-1"])
    }

    static func newApplicationsComeFirstInTheCohort(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let records = TraineeRecords(store: store)
        let aaron = try await enrolledTrainee(store, name: "Aaron Along")
        try await makeEligible(records, aaron.id, on: quickProgramme())
        let bea = try await enrolledTrainee(store, name: "Bea Invited")
        try await Enrolments(store: store).rebuildSummary(of: bea.id, on: quickProgramme(), at: start)
        let zed = try await submitted(store, onlineApplication(name: "Zed Applied", email: "zed@example.org"))
        let yan = try await submitted(store, onlineApplication(name: "Yan Applied", email: "yan@example.org"))
        // Yan's application has had a check recorded: no longer new.
        try await records.record(.checkRecorded(checkID: "application", outcome: .needsFollowUp, note: nil), for: yan, on: quickProgramme(), by: "c", at: start)
        let page = try await store.summaries(programmeID: "p", stage: nil, offset: 0, limit: 10)
        #expect(page.summaries.map(\.name) == ["Zed Applied", "Aaron Along", "Bea Invited", "Yan Applied"])
        #expect(page.summaries.first?.traineeID == zed)
    }

    static func applicantsNothingCameOfAreErasedOnTheirDay(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let records = TraineeRecords(store: store)
        let retention = ApplicantRetention()
        let rights = PersonRights(store: store)
        let quiet = try await submitted(store, onlineApplication(name: "Quiet Applicant", email: "quiet@example.org", contact: "call-me-XQ20", note: "note-XQ21"))
        let checked = try await submitted(store, onlineApplication(name: "Checked Applicant", email: "checked@example.org"))
        try await records.record(.checkRecorded(checkID: "application", outcome: .complete, note: nil), for: checked, on: quickProgramme(), by: "c", at: start + day)
        let later = try await submitted(store, onlineApplication(name: "Later Applicant", email: "later@example.org", at: start + 100 * day))
        let both = try await store.addPerson(NewPerson(name: "Coordinating Trainee", email: "both@example.org", roles: [.trainee, .coordinator], passwordHash: nil), at: start)
        _ = try await store.enrol(Enrolment(traineeID: both.id, programmeID: "p", supervisorID: nil, enrolledAt: start))
        try await records.record(.applicationSubmitted, for: both.id, on: quickProgramme(), by: both.id, at: start)

        #expect(try await rights.removeStaleApplicants(retention, at: start + 182 * day) == 0)
        #expect(try await store.person(id: quiet)?.name == "Quiet Applicant")
        #expect(try await rights.removeStaleApplicants(retention, at: start + 184 * day) == 1)
        let erased = try #require(try await store.person(id: quiet))
        #expect(erased.name == "Erased" && !erased.isActive)
        #expect(try await store.application(traineeID: quiet) == nil)
        #expect(try await store.events(traineeID: quiet, programmeID: "p").last?.kind == .personalDataErased)
        for id in [checked, later, both.id] { #expect(try await store.person(id: id)?.name != "Erased") }
        // One entry for the round, naming nobody; the erasure's own entry is Waymark's.
        let round = try await store.auditLog(AuditQuery(action: ApplicantRetention.removedAction, limit: 10)).entries
        #expect(round.count == 1)
        #expect(round.first?.subjectID == nil && round.first?.actorID == "system")
        #expect(round.first?.detail == "1 applicant who went no further than applying, after 183 days")
        #expect(try await store.auditEntries(subjectID: quiet).contains { $0.action == "person.erased" && $0.actorID == "system" })
        // Once erased, never again; and the later one goes on their own day.
        #expect(try await rights.removeStaleApplicants(retention, at: start + 185 * day) == 0)
        #expect(try await rights.removeStaleApplicants(ApplicantRetention(days: 30), at: start + 131 * day) == 1)
        #expect(try await store.person(id: later)?.name == "Erased")
    }
}

extension ApplicationStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("anApplicationMakesThePersonRecordAndLinkTogether", anApplicationMakesThePersonRecordAndLinkTogether),
        StoreCheck("aTakenEmailChangesNothingAndSaysSo", aTakenEmailChangesNothingAndSaysSo),
        StoreCheck("aFailedApplicationLeavesNothingBehind", aFailedApplicationLeavesNothingBehind),
        StoreCheck("applicationsCloseAndOpenWithAnAuditEntry", applicationsCloseAndOpenWithAnAuditEntry),
        StoreCheck("newApplicationsComeFirstInTheCohort", newApplicationsComeFirstInTheCohort),
        StoreCheck("applicantsNothingCameOfAreErasedOnTheirDay", applicantsNothingCameOfAreErasedOnTheirDay),
    ])
}
