import Foundation

extension AnyWaymarkStore {
    public func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome {
        let person = application.person
        let event = try EventColumns(application.event.kind)
        let outcome: ApplicationOutcome
        do {
            outcome = try await backend.write { db in
                // An address with an account already: nothing is written, and the caller says the
                // same thanks as ever, so the form never tells anyone who has an account.
                if try await db.fetchFirstRow(PeopleSQL.byEmail(person.email)) != nil { return .emailTaken }
                // Two PostgreSQL servers taking the same address at once: the unique constraint
                // refuses the second, which comes back as `duplicateEmail`.
                try await db.perform(ApplicationSQL.applicant(application))
                try await db.perform(ApplicationSQL.enrolment(application.enrolment))
                try await db.insertEvents([(application.event, event)])
                try await db.saveSummary(application.summary)
                try await db.perform(ApplicationSQL.details(application.details))
                try await db.perform(ApplicationSQL.invite(application))
                try await db.insertOutbox(application.mail, at: person.createdAt)
                return .submitted(personID: person.id)
            }
        } catch StoreError.duplicateEmail {
            outcome = .emailTaken
        }
        if case .submitted = outcome { observer?.appended([application.event]) }
        return outcome
    }

    public func application(traineeID: String) async throws -> ApplicationDetails? {
        try await backend.read { db in try await db.fetchFirstRow(ApplicationSQL.details(traineeID: traineeID)).map(ApplicationSQL.applicationDetails) }
    }

    public func applicationsOpen() async throws -> Bool {
        try await backend.read { db in try await db.fetchFirstRow(ApplicationSQL.openSetting)?.optional("value", as: String.self) != ApplicationSQL.closedValue }
    }

    public func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            try await db.perform(ApplicationSQL.setOpen(open, by: actorID, at: at))
            try await db.insertAudit(
                AuditEntry(at: at, actorID: actorID, action: open ? "applications.opened" : "applications.closed", subjectID: nil, detail: nil)
            )
        }
    }

    public func staleApplicants(appliedBefore cutoff: Date) async throws -> [String] {
        try await backend.read { db in try await db.fetchRows(ApplicationSQL.staleApplicants(appliedBefore: cutoff)).map { try $0.required("id", as: String.self) } }
    }
}
