import Foundation
import WaymarkProgress

/// SQL about applications written once for both stores.
enum ApplicationSQL {
    private static let applied = EventKind.applicationSubmitted.tag.name

    /// Trainees and nothing else whose every event is their application, all before the cutoff,
    /// none erased: the applicants nothing came of.
    static func staleApplicants(appliedBefore cutoff: Date) -> SQLStatement {
        """
        SELECT p.id FROM people p
        WHERE p.roles = 'trainee'
            AND EXISTS (SELECT 1 FROM events e WHERE e.trainee_id = p.id AND e.kind = '\(trusted: applied)')
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.trainee_id = p.id AND (e.kind <> '\(trusted: applied)' OR e.erased OR e.at >= \(cutoff)))
        ORDER BY p.id
        """
    }

    /// The cohort's order: applications nobody has acted on yet (the stage still "applicant",
    /// and an application in the record) come first, then everyone by name. Only applicants'
    /// rows look at the events, by the events' own key.
    static let newApplicationsFirst = """
        CASE WHEN s.stage = '\(Stage.applicant.rawValue)' AND EXISTS (SELECT 1 FROM events e
            WHERE e.trainee_id = s.trainee_id AND e.programme_id = s.programme_id AND e.kind = '\(applied)' AND NOT e.erased)
        THEN 0 ELSE 1 END
        """

    static let openValue = "open"
    static let closedValue = "closed"

    /// An applicant has no password until they take up their invitation.
    static func applicant(_ application: OnlineApplication) -> SQLStatement {
        var person = application.person
        person.passwordHash = nil
        return PeopleSQL.insert(person, at: person.createdAt)
    }

    static func enrolment(_ enrolment: Enrolment) -> SQLStatement {
        """
        INSERT INTO enrolments (trainee_id, programme_id, supervisor_id, enrolled_at)
        VALUES (\(enrolment.traineeID), \(enrolment.programmeID), NULL, \(enrolment.enrolledAt))
        """
    }

    static func details(_ details: ApplicationDetails) -> SQLStatement {
        """
        INSERT INTO applications (trainee_id, programme_id, contact, note, submitted_at)
        VALUES (\(details.traineeID), \(details.programmeID), \(details.contact), \(details.note), \(details.submittedAt))
        """
    }

    static func invite(_ application: OnlineApplication) -> SQLStatement {
        """
        INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at)
        VALUES (\(application.inviteTokenHash), \(TokenPurpose.invite.rawValue), \(application.person.id), \(application.person.createdAt),
            \(application.inviteExpiresAt))
        """
    }

    static func details(traineeID: String) -> SQLStatement { "SELECT * FROM applications WHERE trainee_id = \(traineeID)" }

    static let openSetting: SQLStatement = "SELECT value FROM site_settings WHERE name = \(SiteSetting.applications.rawValue)"

    static func setOpen(_ open: Bool, by actorID: String, at: Date) -> SQLStatement {
        """
        INSERT INTO site_settings (name, value, changed_by, changed_at)
        VALUES (\(SiteSetting.applications.rawValue), \(open ? openValue : closedValue), \(actorID), \(at))
        ON CONFLICT (name) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at
        """
    }

    static func applicationDetails(_ row: any SQLRow) throws -> ApplicationDetails {
        ApplicationDetails(
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            contact: try row.required("contact"),
            note: try row.required("note"),
            submittedAt: try row.requiredDate("submitted_at")
        )
    }
}
