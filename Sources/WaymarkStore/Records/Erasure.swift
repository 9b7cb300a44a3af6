import Foundation
import WaymarkCertificates

/// What erasing a person's personal data does (UK GDPR Article 17), written once for both
/// stores. The shape of the record stays (the person's row, their events, certificate codes,
/// the audit log), so the evidence trail still adds up; names, addresses and every free text
/// about the person go.
///
/// Each statement takes the person's id as `$1` and the time of the erasure as `$2`, and runs
/// in the one transaction that also appends the erasure event and its audit entry. Something
/// new that keeps text about a person adds a line here.
public enum Erasure {
    static let statements: [String] = [
        "UPDATE people SET name = '\(erasedName)', email = 'erased-' || id || '@invalid', password_hash = NULL, active = FALSE WHERE id = $1",
        "UPDATE trainee_summaries SET name = '\(erasedName)' WHERE trainee_id = $1",
        // Free text a trainee or anyone else wrote in their record goes; the facts stay.
        """
        UPDATE events SET reason = NULL, answers = NULL, erased = TRUE, body = CASE WHEN kind IN ('reflection-submitted',
            'reflection-reviewed', 'practice-logged', 'check-recorded', 'cpd-logged') THEN NULL ELSE body END
        WHERE trainee_id = $1 AND erased = FALSE
        """,
        "DELETE FROM reflection_drafts WHERE trainee_id = $1",
        // What they wrote on the public application form: how to reach them, and their note.
        "DELETE FROM applications WHERE trainee_id = $1",
        "DELETE FROM vetting_notes WHERE trainee_id = $1",
        "DELETE FROM vetting_records WHERE trainee_id = $1",
        // Signed out everywhere, and no invite link left to take the account back with.
        "DELETE FROM sessions WHERE person_id = $1",
        "DELETE FROM one_time_tokens WHERE person_id = $1",
        "DELETE FROM form_submissions WHERE person_id = $1",
        // Emails to them keep their row (the outbox's counts still add up) but no address or
        // words; one not sent yet never will be.
        """
        UPDATE outbox SET address = '', subject = '', plain_text = '', html = '',
            last_error = CASE WHEN state = 'sent' THEN NULL ELSE 'Not sent: their personal data was erased.' END, lease_owner = NULL, lease_until = NULL,
            state = CASE WHEN state = 'sent' THEN 'sent' ELSE 'failed' END
        WHERE person_id = $1
        """,
        // Certificates stay (their codes may be printed somewhere) but name nobody, and say only
        // that they are no longer valid: never why. For machines they are revoked, so their
        // status lists have changed: counting the versions up has every server build them anew.
        """
        UPDATE status_lists SET version = version + 1
        WHERE list IN (SELECT status_list FROM certificates WHERE trainee_id = $1 AND status_list IS NOT NULL)
        """,
        """
        UPDATE certificates SET holder_name = '', state_reason = NULL, state = '\(CertificateState.withdrawn.rawValue)',
            state_changed_at = $2
        WHERE trainee_id = $1
        """,
    ]

    /// The name an erased person's row keeps, so lists still read.
    static let erasedName = "Erased"

    /// Whether a statement takes the time as well as the person (a database refuses arguments
    /// a statement does not use).
    static func usesTime(_ statement: String) -> Bool {
        statement.contains("$2")
    }

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

    /// The active admins other than `$1`. Roles are words separated by spaces.
    static let otherActiveAdminsSQL = "SELECT id FROM people WHERE active = TRUE AND id <> $1 AND ' ' || roles || ' ' LIKE '% admin %'"
}
