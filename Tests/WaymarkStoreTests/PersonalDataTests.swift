import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// What a record full of one person's data holds, every table touched: the strings that must
/// be gone after erasure are listed in `secrets`.
struct FilledRecord {
    static let name = "Quentin Zyxwarbler"
    static let email = "quentin.zyxwarbler@example.org"
    /// Text the person, or others about them, wrote: each must be found nowhere after erasure.
    static let texts = [
        "reflection-about-my-past-XQ1", "feedback-from-trainer-XQ2", "check-note-about-them-XQ3", "hostel-on-mill-street-XQ4",
        "cpd-activity-XQ5", "reason-for-pause-XQ6", "short-answer-XQ7", "draft-still-writing-XQ8", "vetting-note-update-XQ9",
        "suspension-reason-XQ10", "ring-after-six-XQ11", "my-note-on-applying-XQ12",
    ]
    static var secrets: [String] { [name, name.uppercased(), name.lowercased(), email, email.uppercased()] + texts }

    let person: Person
    let admin: Person
    let coordinator: Person

    /// A trainee with something in every table: events with every kind of free text, a summary,
    /// a draft, a DBS record that was looked at, a working note, a session, an invite link, a
    /// sign-in counter, a form submission, a certificate that was suspended with a reason and
    /// looked up publicly.
    static func make(_ store: AnyWaymarkStore) async throws -> FilledRecord {
        let admin = try await store.addPerson(NewPerson(name: "Ada Admin", email: "ada@example.org", roles: [.admin], passwordHash: nil), at: start)
        let coordinator = try await store.addPerson(
            NewPerson(name: "Sam Ahmed", email: "sam@example.org", roles: [.coordinator, .admin], passwordHash: nil),
            at: start
        )
        // They applied on the public form: how to reach them and their note are theirs too.
        let application = onlineApplication(name: name, email: email, contact: texts[10], note: texts[11], token: "application-link")
        guard case .submitted = try await store.submitApplication(application) else { throw StoreError.refused("not applied") }
        let person = application.person
        try await store.setPassword(personID: person.id, hash: "$2b$12$hash", by: person.id, at: start)
        let programme = quickProgramme()
        let records = TraineeRecords(store: store)
        try await makeEligible(records, person.id, on: programme)
        let attempt = AttemptRecord(
            assessmentID: "a",
            moduleID: "role",
            answers: ["q1": .text(texts[6])],
            points: ["q1": 1],
            possiblePoints: 1,
            passMark: 50
        )
        let kinds: [(EventKind, String?)] = [
            (.reflectionSubmitted(promptID: "why", text: texts[0]), nil),
            (.reflectionReviewed(promptID: "why", outcome: .accepted, feedback: texts[1]), nil),
            (.checkRecorded(checkID: "application", outcome: .complete, note: texts[2]), nil),
            (.practiceLogged(entryID: "e1", on: start, hours: 2, setting: texts[3]), nil),
            (.supervisionRecorded(on: start, minutes: 60, supervisorID: coordinator.id, wellbeing: .someConcerns), nil),
            (.cpdLogged(on: start, hours: 1, activity: texts[4]), nil),
            (.paused, texts[5]),
            (.resumed, nil),
            (.assessmentAttempted(attempt), nil),
        ]
        for (kind, reason) in kinds {
            try await records.record(kind, for: person.id, on: programme, by: coordinator.id, reason: reason, at: start + day)
        }
        try await store.saveDraft(traineeID: person.id, programmeID: "p", promptID: "next", text: texts[7], at: start)
        try await store.recordVetting(
            VettingRecord(
                traineeID: person.id,
                level: .enhanced,
                certificateNumber: "009988776655",
                issueDate: start,
                decision: .suitable,
                decidedBy: coordinator.id,
                decidedAt: start
            ),
            by: coordinator.id,
            at: start
        )
        _ = try await store.vettingRecord(traineeID: person.id, viewedBy: coordinator.id, at: start + day)
        try await store.addVettingNote(traineeID: person.id, text: texts[8], by: coordinator.id, at: start)
        try await records.issueCertificate(code: "WM-ERASE-ME", for: person.id, on: programme, by: coordinator.id, at: start + 2 * day)
        try await records.suspendCertificate("WM-ERASE-ME", of: person.id, on: programme, by: coordinator.id, reason: texts[9], at: start + 2 * day)
        try await store.recordLookup(code: "WM-ERASE-ME", via: .page, at: start + 3 * day)
        try await store.createSession(tokenHash: "session-hash", personID: person.id, csrfToken: "csrf", at: start, expiresAt: start + 365 * day)
        try await store.createToken(tokenHash: "invite-hash", purpose: .invite, personID: person.id, at: start, expiresAt: start + 365 * day)
        // An email to them, tried once: the mail server's answer names their address too.
        try await store.createToken(
            tokenHash: "reset-hash",
            purpose: .passwordReset,
            personID: person.id,
            at: start,
            expiresAt: start + 365 * day,
            mail: [OutboxDraft(personID: person.id, address: email, kind: .passwordReset, subject: "Hello \(name)", plainText: "Hello \(name)", html: "<p>\(name)</p>")]
        )
        for message in try await store.claimOutbox(owner: "sender", at: start, leaseUntil: start + 300, limit: 10) {
            try await store.markNotSent(id: message.id, owner: "sender", error: "452 \(email) is full", retryAt: start + 60)
        }
        _ = try await store.claimSubmission(key: "form-key", personID: person.id, at: start)
        _ = try await store.hit(key: "signin:account:hashed", limit: 5, window: 60, at: start)
        return FilledRecord(person: person, admin: admin, coordinator: coordinator)
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum PersonalDataChecks {
    static func aCopyHoldsEverythingAndIsAudited(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let filled = try await FilledRecord.make(store)
        let reader = PersonalDataReader(store: store)
        let copy = try #require(try await reader.read(personID: filled.person.id, by: filled.admin.id, at: start + 4 * day))
        #expect(copy.profile.name == FilledRecord.name)
        #expect(copy.profile.email == FilledRecord.email)
        #expect(copy.profile.hasPassword)
        let events = copy.programmes.flatMap(\.events)
        #expect(events.contains { $0.kind == .reflectionSubmitted(promptID: "why", text: FilledRecord.texts[0]) })
        #expect(
            events.contains { $0.kind == .supervisionRecorded(on: start, minutes: 60, supervisorID: filled.coordinator.id, wellbeing: .someConcerns) }
        )
        #expect(
            events.contains {
                if case .assessmentAttempted(let attempt) = $0.kind { attempt.answers["q1"] == .text(FilledRecord.texts[6]) } else { false }
            }
        )
        #expect(copy.application?.contact == FilledRecord.texts[10])
        #expect(copy.application?.note == FilledRecord.texts[11])
        #expect(copy.drafts.map(\.text) == [FilledRecord.texts[7]])
        #expect(copy.vetting?.certificateNumber == "009988776655")
        #expect(copy.vettingNotes.map(\.text) == [FilledRecord.texts[8]])
        let certificate = try #require(copy.certificates.first)
        #expect(certificate.stateReason == FilledRecord.texts[9])
        #expect(certificate.lookups.map(\.page) == [1])
        // Who viewed their DBS record, and when: the coordinator, and now the admin's copy.
        #expect(copy.auditAboutThem.contains { $0.action == "vetting.viewed" && $0.actorID == filled.coordinator.id && $0.at == start + day })
        #expect(copy.names[filled.coordinator.id] == "Sam Ahmed")
        #expect(copy.emails.map(\.kind) == [.passwordReset])
        #expect(copy.emails.map(\.address) == [FilledRecord.email])
        let logged = try await store.auditEntries(subjectID: filled.person.id)
        #expect(logged.contains { $0.action == "person.exported" && $0.actorID == filled.admin.id && $0.at == start + 4 * day })
        #expect(logged.contains { $0.action == "vetting.viewed" && $0.actorID == filled.admin.id })
        // The JSON reads back as the same copy, and never holds the password's hash.
        let json = try copy.json()
        #expect(try PersonalData.read(json) == copy)
        #expect(!String(decoding: json, as: UTF8.self).contains("$2b$12$hash"))
        #expect(try await reader.read(personID: "nobody", by: filled.admin.id, at: start) == nil)
    }

    static func erasedDataIsFoundNowhereInTheDatabase(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let filled = try await FilledRecord.make(store)
        let path = temporary.folder.appendingPathComponent("waymark.sqlite").path
        if let sqlite = store.backend as? SQLiteStore {
            // The search below can find them: before erasure, they are there.
            try await sqlite.compact()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(([FilledRecord.name, FilledRecord.email] + FilledRecord.texts).allSatisfy { before.range(of: Data($0.utf8)) != nil })
        }
        try await store.erasePersonalData(personID: filled.person.id, by: filled.admin.id, at: start + 5 * day)

        switch temporary.backend {
        case .sqlite:
            // The store compacts after erasing (VACUUM, then a TRUNCATE checkpoint of the log);
            // once more here, so the bytes read are the file as it rests.
            guard let sqlite = store.backend as? SQLiteStore else {
                Issue.record("not SQLite")
                return
            }
            try await sqlite.compact()
            let file = try Data(contentsOf: URL(fileURLWithPath: path))
            let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
            #expect(file.count > 0)
            for secret in FilledRecord.secrets {
                #expect(file.range(of: Data(secret.utf8)) == nil, "\(secret) is still in the database file")
                #expect(wal.range(of: Data(secret.utf8)) == nil, "\(secret) is still in the write-ahead log")
            }
        case .postgres:
            let columns = try await store.textColumns()
            #expect(columns.count > 20)
            for (table, column) in columns {
                for secret in FilledRecord.secrets {
                    let found = try await store.count(
                        unsafeSQL: "SELECT COUNT(*) FROM \(table) WHERE lower(\(column)) LIKE '%\(secret.lowercased())%'"
                    )
                    #expect(found == 0, "\(secret) is still in \(table).\(column)")
                }
            }
        }
        // The shape stays: the events, the certificate's code, the audit entry of the erasure.
        let events = try await store.events(traineeID: filled.person.id, programmeID: "p")
        #expect(events.last?.kind == .personalDataErased)
        #expect(events.count > 10)
        let certificate = try #require(try await store.certificate(code: "WM-ERASE-ME"))
        #expect(certificate.holderName.isEmpty)
        #expect(certificate.status(at: start + 6 * day) == .withdrawn)
        #expect(try await store.auditEntries(subjectID: filled.person.id).contains { $0.action == "person.erased" && $0.actorID == filled.admin.id })
        #expect(try await store.session(tokenHash: "session-hash", at: start + 5 * day) == nil)
        #expect(try await store.validToken(tokenHash: "invite-hash", purpose: .invite, at: start + 5 * day).valid == false)
        #expect(try await store.drafts(traineeID: filled.person.id).isEmpty)
        #expect(try await store.count(unsafeSQL: "SELECT COUNT(*) FROM form_submissions") == 0)
        #expect(try await store.application(traineeID: filled.person.id) == nil)
        #expect(try await store.validToken(tokenHash: "application-link", purpose: .invite, at: start).valid == false)
    }

    static func erasureRefusesYourselfAndTheLastAdmin(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let only = try await store.addPerson(NewPerson(name: "Only Admin", email: "only@example.org", roles: [.admin], passwordHash: nil), at: start)
        let coordinator = try await store.addPerson(
            NewPerson(name: "Cy", email: "cy@example.org", roles: [.coordinator], passwordHash: nil),
            at: start
        )
        await #expect(throws: StoreError.refused("You cannot erase your own record. Another admin can do that.")) {
            try await store.erasePersonalData(personID: only.id, by: only.id, at: start)
        }
        await #expect(throws: StoreError.self) { try await store.erasePersonalData(personID: only.id, by: "cli", at: start) }
        #expect(try await store.person(id: only.id)?.name == "Only Admin")
        #expect(try await store.hasAdmin())
        // With a second admin, the first may go; then the second is the last one.
        try await store.setRoles(personID: coordinator.id, roles: [.coordinator, .admin], by: only.id, at: start)
        try await store.erasePersonalData(personID: only.id, by: coordinator.id, at: start)
        #expect(try await store.person(id: only.id)?.name == "Erased")
        await #expect(throws: StoreError.self) { try await store.erasePersonalData(personID: coordinator.id, by: "cli", at: start) }
        #expect(try await store.hasAdmin())
    }

    static func aFailedErasureChangesNothing(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let filled = try await FilledRecord.make(store)
        // The last step of erasure fails: everything before it must roll back with it.
        switch temporary.backend {
        case .sqlite:
            try await store.execute(
                unsafeSQL: "CREATE TRIGGER refuse_certificates BEFORE UPDATE ON certificates BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        case .postgres:
            try await store.execute(
                unsafeSQL: "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            )
            try await store.execute(
                unsafeSQL: "CREATE TRIGGER refuse_certificates BEFORE UPDATE ON certificates FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        }
        await #expect(throws: StoreError.self) { try await store.erasePersonalData(personID: filled.person.id, by: filled.admin.id, at: start) }
        #expect(try await store.person(id: filled.person.id)?.name == FilledRecord.name)
        #expect(try await store.drafts(traineeID: filled.person.id).map(\.text) == [FilledRecord.texts[7]])
        #expect(try await store.application(traineeID: filled.person.id)?.note == FilledRecord.texts[11])
        #expect(try await store.session(tokenHash: "session-hash", at: start) != nil)
        let events = try await store.events(traineeID: filled.person.id, programmeID: "p")
        #expect(events.contains { $0.kind == .reflectionSubmitted(promptID: "why", text: FilledRecord.texts[0]) })
        #expect(!(try await store.auditEntries(subjectID: filled.person.id).contains { $0.action == "person.erased" }))
    }

    static func anErasedCertificateIsNoLongerValidAndCannotBeChanged(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let filled = try await FilledRecord.make(store)
        let listBefore = try #require(try await store.certificate(code: "WM-ERASE-ME")?.statusSlot).list
        let versionBefore = try await store.statusListBits(listBefore, purpose: .revocation).version
        try await store.erasePersonalData(personID: filled.person.id, by: filled.admin.id, at: start + 5 * day)
        let certificate = try #require(try await store.certificate(code: "WM-ERASE-ME"))
        #expect(certificate.state == .withdrawn)
        #expect(certificate.stateReason == nil)
        #expect(certificate.status(at: start).label == "No longer valid")
        // For machines, a withdrawn certificate is revoked: its bit is set, and the list's
        // version moved on, so servers build it again.
        let slot = try #require(certificate.statusSlot)
        let revocation = try await store.statusListBits(slot.list, purpose: .revocation)
        #expect(revocation.setIndexes == [slot.index])
        #expect(try await store.statusListBits(slot.list, purpose: .suspension).setIndexes.isEmpty)
        #expect(revocation.version > versionBefore)
        let records = TraineeRecords(store: store)
        await #expect(throws: StoreError.self) {
            try await records.reinstateCertificate(
                "WM-ERASE-ME",
                of: filled.person.id,
                on: quickProgramme(),
                by: filled.coordinator.id,
                at: start + 6 * day
            )
        }
    }

    static func theAuditLogFiltersByPersonActionAndDayAPageAtATime(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let filled = try await FilledRecord.make(store)
        let other = try await enrolledTrainee(store, name: "Bea Other", email: "bea@example.org")
        for index in 0..<7 {
            _ = try await store.vettingRecord(traineeID: other.id, viewedBy: filled.coordinator.id, at: start + 10 * day + Double(index))
        }
        let byName = try await store.auditLog(AuditQuery(personText: "bea OTH", limit: 100))
        #expect(byName.entries.count == 7)
        #expect(byName.entries.allSatisfy { $0.subjectID == other.id })
        #expect(byName.entries.map(\.at) == byName.entries.map(\.at).sorted(by: >))
        let byEmail = try await store.auditLog(AuditQuery(personText: "bea@example", action: "vetting.viewed", limit: 100))
        #expect(byEmail.entries.count == 7)
        // A % or _ typed is looked for as itself, not as a wildcard.
        #expect(try await store.auditLog(AuditQuery(personText: "%", limit: 100)).entries.isEmpty)
        let first = try await store.auditLog(AuditQuery(personID: other.id, limit: 3))
        #expect(first.entries.count == 3 && first.hasOlder)
        let last = try await store.auditLog(AuditQuery(personID: other.id, offset: 6, limit: 3))
        #expect(last.entries.count == 1 && !last.hasOlder)
        let day10 = try await store.auditLog(AuditQuery(from: start + 10 * day, before: start + 10 * day + 3, limit: 100))
        #expect(day10.entries.count == 3)
        let actions = try await store.auditActions()
        #expect(actions.contains("vetting.viewed") && actions.contains("vetting.recorded"))
        #expect(actions == actions.sorted())
    }
}

extension PersonalDataChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aCopyHoldsEverythingAndIsAudited", aCopyHoldsEverythingAndIsAudited),
        StoreCheck("erasedDataIsFoundNowhereInTheDatabase", erasedDataIsFoundNowhereInTheDatabase),
        StoreCheck("erasureRefusesYourselfAndTheLastAdmin", erasureRefusesYourselfAndTheLastAdmin),
        StoreCheck("aFailedErasureChangesNothing", aFailedErasureChangesNothing),
        StoreCheck("anErasedCertificateIsNoLongerValidAndCannotBeChanged", anErasedCertificateIsNoLongerValidAndCannotBeChanged),
        StoreCheck("theAuditLogFiltersByPersonActionAndDayAPageAtATime", theAuditLogFiltersByPersonActionAndDayAPageAtATime),
    ])
}
