import Foundation
import PostgresNIO

extension PostgresStore: ApplicationStore {
    public func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome {
        let person = application.person
        let event = try EventColumns(application.event.kind)
        do {
            return try await transaction { [self] connection in
                // An address with an account already: nothing is written, and the caller says the
                // same thanks as ever, so the form never tells anyone who has an account.
                if try await connection.fetchFirstRow(PeopleSQL.byEmail(person.email), logger: logger) != nil { return .emailTaken }
                // Two servers taking the same address at once: the unique constraint refuses the second.
                try await connection.perform(ApplicationSQL.applicant(application), logger: logger)
                try await connection.perform(ApplicationSQL.enrolment(application.enrolment), logger: logger)
                try await Self.insertEvents(connection, [(application.event, event)], logger: logger)
                try await Self.saveSummary(connection, application.summary, logger: logger)
                try await connection.perform(ApplicationSQL.details(application.details), logger: logger)
                try await connection.perform(ApplicationSQL.invite(application), logger: logger)
                _ = try await Self.insertOutbox(connection, application.mail, at: person.createdAt, logger: logger)
                return .submitted(personID: person.id)
            }
        } catch StoreError.duplicateEmail {
            return .emailTaken
        }
    }

    public func application(traineeID: String) async throws -> ApplicationDetails? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(ApplicationSQL.details(traineeID: traineeID), logger: logger).map(ApplicationSQL.applicationDetails)
        }
    }

    public func applicationsOpen() async throws -> Bool {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(ApplicationSQL.openSetting, logger: logger)?.optional("value", as: String.self) != ApplicationSQL.closedValue
        }
    }

    public func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            try await connection.perform(ApplicationSQL.setOpen(open, by: actorID, at: at), logger: logger)
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: open ? "applications.opened" : "applications.closed", subjectID: nil, detail: nil),
                logger: logger
            )
        }
    }

    public func staleApplicants(appliedBefore cutoff: Date) async throws -> [String] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(ApplicationSQL.staleApplicants(appliedBefore: cutoff), logger: logger).map { try $0.required("id", as: String.self) }
        }
    }
}
