import Foundation
import GRDB

extension SQLiteStore: ApplicationStore {
    public func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome {
        let person = application.person
        let event = try EventColumns(application.event.kind)
        return try await write { db in
            // An address with an account already: nothing is written, and the caller says the same
            // thanks as ever, so the form never tells anyone who has an account.
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM people WHERE email = ?", arguments: [person.email]) == true { return .emailTaken }
            let at = person.createdAt.timeIntervalSince1970
            try db.execute(
                sql: "INSERT INTO people (id, name, email, roles, password_hash, active, created_at) VALUES (?, ?, ?, ?, NULL, 1, ?)",
                arguments: [person.id, person.name, person.email, PeopleSQL.encode(person.roles), at]
            )
            let enrolment = application.enrolment
            try db.execute(
                sql: "INSERT INTO enrolments (trainee_id, programme_id, supervisor_id, enrolled_at) VALUES (?, ?, NULL, ?)",
                arguments: [enrolment.traineeID, enrolment.programmeID, enrolment.enrolledAt.timeIntervalSince1970]
            )
            try Self.insertEvents(db, [(application.event, event)])
            try Self.saveSummary(db, application.summary)
            let details = application.details
            try db.execute(
                sql: "INSERT INTO applications (trainee_id, programme_id, contact, note, submitted_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [details.traineeID, details.programmeID, details.contact, details.note, details.submittedAt.timeIntervalSince1970]
            )
            try db.execute(
                sql: "INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [application.inviteTokenHash, TokenPurpose.invite.rawValue, person.id, at, application.inviteExpiresAt.timeIntervalSince1970]
            )
            _ = try Self.insertOutbox(db, application.mail, at: person.createdAt)
            return .submitted(personID: person.id)
        }
    }

    public func application(traineeID: String) async throws -> ApplicationDetails? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE trainee_id = ?", arguments: [traineeID]).map { row in
                ApplicationDetails(
                    traineeID: row["trainee_id"],
                    programmeID: row["programme_id"],
                    contact: row["contact"],
                    note: row["note"],
                    submittedAt: Date(timeIntervalSince1970: row["submitted_at"])
                )
            }
        }
    }

    public func applicationsOpen() async throws -> Bool {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT value FROM site_settings WHERE name = ?", arguments: [SiteSetting.applications.rawValue])
                != ApplicationSQL.closedValue
        }
    }

    public func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO site_settings (name, value, changed_by, changed_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                    """,
                arguments: [SiteSetting.applications.rawValue, open ? ApplicationSQL.openValue : ApplicationSQL.closedValue, actorID, at.timeIntervalSince1970]
            )
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: open ? "applications.opened" : "applications.closed", subjectID: nil, detail: nil)
            )
        }
    }

    public func staleApplicants(appliedBefore cutoff: Date) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: Self.numberedParameters(ApplicationSQL.staleApplicants), arguments: [cutoff.timeIntervalSince1970])
        }
    }
}
