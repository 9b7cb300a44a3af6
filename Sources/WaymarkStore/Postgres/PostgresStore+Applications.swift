import Foundation
import PostgresNIO

extension PostgresStore: ApplicationStore {
    public func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome {
        let person = application.person
        let event = try EventColumns(application.event.kind)
        do {
            return try await write { [self] connection in
                // An address with an account already: nothing is written, and the caller says the
                // same thanks as ever, so the form never tells anyone who has an account.
                if try await connection.run("SELECT 1 FROM people WHERE email = \(person.email)", logger: logger) > 0 { return .emailTaken }
                let at = person.createdAt.timeIntervalSince1970
                // Two servers taking the same address at once: the unique constraint refuses the second.
                try await connection.run(
                    """
                    INSERT INTO people (id, name, email, roles, password_hash, active, created_at)
                    VALUES (\(person.id), \(person.name), \(person.email), \(PeopleSQL.encode(person.roles)), NULL, TRUE, \(at))
                    """,
                    logger: logger
                )
                let enrolment = application.enrolment
                try await connection.run(
                    """
                    INSERT INTO enrolments (trainee_id, programme_id, supervisor_id, enrolled_at)
                    VALUES (\(enrolment.traineeID), \(enrolment.programmeID), NULL, \(enrolment.enrolledAt.timeIntervalSince1970))
                    """,
                    logger: logger
                )
                try await Self.insertEvents(connection, [(application.event, event)], logger: logger)
                try await Self.saveSummary(connection, application.summary, logger: logger)
                let details = application.details
                try await connection.run(
                    """
                    INSERT INTO applications (trainee_id, programme_id, contact, note, submitted_at)
                    VALUES (\(details.traineeID), \(details.programmeID), \(details.contact), \(details.note), \(details.submittedAt.timeIntervalSince1970))
                    """,
                    logger: logger
                )
                try await connection.run(
                    """
                    INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at)
                    VALUES (\(application.inviteTokenHash), \(TokenPurpose.invite.rawValue), \(person.id), \(at),
                        \(application.inviteExpiresAt.timeIntervalSince1970))
                    """,
                    logger: logger
                )
                _ = try await Self.insertOutbox(connection, application.mail, at: person.createdAt, logger: logger)
                return .submitted(personID: person.id)
            }
        } catch StoreError.duplicateEmail {
            return .emailTaken
        }
    }

    public func application(traineeID: String) async throws -> ApplicationDetails? {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM applications WHERE trainee_id = \(traineeID)", logger: logger).first.map { row in
                ApplicationDetails(
                    traineeID: try row.required("trainee_id"),
                    programmeID: try row.required("programme_id"),
                    contact: try row.required("contact"),
                    note: try row.required("note"),
                    submittedAt: try row.requiredDate("submitted_at")
                )
            }
        }
    }

    public func applicationsOpen() async throws -> Bool {
        try await read { [self] connection in
            let value = try await connection.rows(
                "SELECT value FROM site_settings WHERE name = \(SiteSetting.applications.rawValue)",
                logger: logger
            ).first?.value("value", as: String.self)
            return value != ApplicationSQL.closedValue
        }
    }

    public func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            let value = open ? ApplicationSQL.openValue : ApplicationSQL.closedValue
            try await connection.run(
                """
                INSERT INTO site_settings (name, value, changed_by, changed_at)
                VALUES (\(SiteSetting.applications.rawValue), \(value), \(actorID), \(at.timeIntervalSince1970))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """,
                logger: logger
            )
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: open ? "applications.opened" : "applications.closed", subjectID: nil, detail: nil),
                logger: logger
            )
        }
    }

    public func staleApplicants(appliedBefore cutoff: Date) async throws -> [String] {
        try await read { [self] connection in
            var binds = PostgresBindings()
            binds.append(cutoff.timeIntervalSince1970)
            return try await connection.rows(PostgresQuery(unsafeSQL: ApplicationSQL.staleApplicants, binds: binds), logger: logger).map {
                try $0.required("id", as: String.self)
            }
        }
    }
}
