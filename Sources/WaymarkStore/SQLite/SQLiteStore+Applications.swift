import Foundation
import GRDB

extension SQLiteStore: ApplicationStore {
    public func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome {
        let person = application.person
        let event = try EventColumns(application.event.kind)
        return try await writeDatabase { db in
            // An address with an account already: nothing is written, and the caller says the same
            // thanks as ever, so the form never tells anyone who has an account.
            if try db.fetchFirstRow(PeopleSQL.byEmail(person.email)) != nil { return .emailTaken }
            try db.perform(ApplicationSQL.applicant(application))
            try db.perform(ApplicationSQL.enrolment(application.enrolment))
            try Self.insertEvents(db, [(application.event, event)])
            try Self.saveSummary(db, application.summary)
            try db.perform(ApplicationSQL.details(application.details))
            try db.perform(ApplicationSQL.invite(application))
            _ = try Self.insertOutbox(db, application.mail, at: person.createdAt)
            return .submitted(personID: person.id)
        }
    }

    public func application(traineeID: String) async throws -> ApplicationDetails? {
        try await readDatabase { db in try db.fetchFirstRow(ApplicationSQL.details(traineeID: traineeID)).map(ApplicationSQL.applicationDetails) }
    }

    public func applicationsOpen() async throws -> Bool {
        try await readDatabase { db in try db.fetchFirstRow(ApplicationSQL.openSetting)?.optional("value", as: String.self) != ApplicationSQL.closedValue }
    }

    public func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            try db.perform(ApplicationSQL.setOpen(open, by: actorID, at: at))
            try Self.insertAudit(
                db,
                AuditEntry(at: at, actorID: actorID, action: open ? "applications.opened" : "applications.closed", subjectID: nil, detail: nil)
            )
        }
    }

    public func staleApplicants(appliedBefore cutoff: Date) async throws -> [String] {
        try await readDatabase { db in try db.fetchRows(ApplicationSQL.staleApplicants(appliedBefore: cutoff)).map { try $0.required("id", as: String.self) } }
    }
}
