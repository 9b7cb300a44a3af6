import Foundation
import WaymarkCertificates
import WaymarkProgress

/// What erasing a person's personal data does (UK GDPR Article 17), written once for both
/// stores. The shape of the record stays (the person's row, their events, certificate codes,
/// the audit log), so the evidence trail still adds up; names, addresses and every free text
/// about the person go.
///
/// Each statement runs in the one transaction that also appends the erasure event and its
/// audit entry. Something new that keeps text about a person adds a line here.
public enum Erasure {
    static func statements(personID: String, at: Date) -> [SQLStatement] {
        [
            """
            UPDATE people SET name = \(erasedName), email = 'erased-' || id || '@invalid', password_hash = NULL, active = \(.false)
            WHERE id = \(personID)
            """,
            "UPDATE trainee_summaries SET name = \(erasedName) WHERE trainee_id = \(personID)",
            // Free text a trainee or anyone else wrote in their record goes; the facts stay.
            """
            UPDATE events SET reason = NULL, answers = NULL, erased = \(.true), body = CASE WHEN kind IN ('reflection-submitted',
                'reflection-reviewed', 'practice-logged', 'check-recorded', 'cpd-logged') THEN NULL ELSE body END
            WHERE trainee_id = \(personID) AND erased = \(.false)
            """,
            "DELETE FROM reflection_drafts WHERE trainee_id = \(personID)",
            // What they wrote on the public application form: how to reach them, and their note.
            "DELETE FROM applications WHERE trainee_id = \(personID)",
            "DELETE FROM vetting_notes WHERE trainee_id = \(personID)",
            "DELETE FROM vetting_records WHERE trainee_id = \(personID)",
            // Signed out everywhere, and no invite link left to take the account back with.
            "DELETE FROM sessions WHERE person_id = \(personID)",
            "DELETE FROM one_time_tokens WHERE person_id = \(personID)",
            "DELETE FROM form_submissions WHERE person_id = \(personID)",
            // Emails to them keep their row (the outbox's counts still add up) but no address or
            // words; one not sent yet never will be.
            """
            UPDATE outbox SET address = '', subject = '', plain_text = '', html = '',
                last_error = CASE WHEN state = 'sent' THEN NULL ELSE 'Not sent: their personal data was erased.' END, lease_owner = NULL,
                lease_until = NULL, state = CASE WHEN state = 'sent' THEN 'sent' ELSE 'failed' END
            WHERE person_id = \(personID)
            """,
            // Certificates stay (their codes may be printed somewhere) but name nobody, and say only
            // that they are no longer valid: never why. For machines they are revoked, so their
            // status lists have changed: counting the versions up has every server build them anew.
            """
            UPDATE status_lists SET version = version + 1
            WHERE list IN (SELECT status_list FROM certificates WHERE trainee_id = \(personID) AND status_list IS NOT NULL)
            """,
            """
            UPDATE certificates SET holder_name = '', state_reason = NULL, state = \(CertificateState.withdrawn.rawValue),
                state_changed_at = \(at)
            WHERE trainee_id = \(personID)
            """,
        ]
    }

    /// The name an erased person's row keeps, so lists still read.
    static let erasedName = "Erased"

    /// Why this erasure must not happen, or nil. Nobody erases themselves (another admin must
    /// look at it), and the last admin who can sign in is never erased: nobody could run
    /// Waymark afterwards. `otherActiveAdmins` counts the active admins other than the person.
    public static func refusal(of person: Person, by actorID: String, otherActiveAdmins: Int) -> String? {
        if person.id == actorID { return "You cannot erase your own record. Another admin can do that." }
        if person.isActive, person.roles.contains(.admin), otherActiveAdmins == 0 {
            return "\(person.name) is the only admin who can sign in, so their record cannot be erased. Make someone else an admin first."
        }
        return nil
    }

    /// The person's row, locked until the erasure ends.
    static func person(_ personID: String) -> SQLStatement { "SELECT * FROM people WHERE id = \(personID)\(.forUpdate)" }

    /// The active admins other than the person, locked, so two admins erasing each other at
    /// once cannot leave nobody able to sign in. Roles are words separated by spaces.
    static func otherActiveAdmins(personID: String) -> SQLStatement {
        "SELECT id FROM people WHERE active = \(.true) AND id <> \(personID) AND ' ' || roles || ' ' LIKE '% admin %'\(.forUpdate)"
    }

    /// Each of the person's enrolments, with the number and curriculum version of its last event.
    static func enrolments(personID: String) -> SQLStatement {
        """
        SELECT programme_id,
            (SELECT MAX(sequence) FROM events e WHERE e.trainee_id = n.trainee_id AND e.programme_id = n.programme_id) AS last,
            (SELECT programme_version FROM events e WHERE e.trainee_id = n.trainee_id AND e.programme_id = n.programme_id
                ORDER BY sequence DESC LIMIT 1) AS version
        FROM enrolments n WHERE trainee_id = \(personID)
        """
    }

    /// For a row of `enrolments(personID:)`: the event that says the erasure happened, after
    /// the enrolment's last, and its summary's count moved on to it.
    static func recordErasure(_ enrolment: any SQLRow, personID: String, by actorID: String, at: Date) throws -> [SQLStatement] {
        let programmeID: String = try enrolment.required("programme_id")
        let version: String = try enrolment.optional("version") ?? ""
        let (sequence, overflow) = (try enrolment.optional("last", as: Int.self) ?? 0).addingReportingOverflow(1)
        guard !overflow else { throw StoreError.unavailable("the record of \(personID) on \(programmeID) has no room for another event") }
        return [
            """
            INSERT INTO events (trainee_id, programme_id, sequence, programme_version, actor_id, at, kind)
            VALUES (\(personID), \(programmeID), \(sequence), \(version), \(actorID), \(at), \(EventKind.personalDataErased.tag.name))
            """,
            "UPDATE trainee_summaries SET last_sequence = \(sequence) WHERE trainee_id = \(personID) AND programme_id = \(programmeID)",
        ]
    }
}
