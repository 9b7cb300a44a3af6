import Foundation

/// SQL about the outbox that SQLite and PostgreSQL both read the same way (`$n` parameters).
enum OutboxSQL {
    /// The columns an `OutboxEntry` is read from.
    static let entryColumns = "id, person_id, address, kind, subject, state, attempts, last_error, created_at, sent_at"
    /// The columns an `OutboxMessage` is read from.
    static let messageColumns = "id, person_id, address, kind, subject, plain_text, html, attempts"

    /// Due now ($1): waiting and past its next try, or held by a sender whose lease has run out.
    static let due = "(state = 'waiting' AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until <= $1)"

    /// $1 now, $2 owner: marks a claimed message sent.
    static let markSent = """
        UPDATE outbox SET state = 'sent', sent_at = $1, lease_owner = NULL, lease_until = NULL, last_error = NULL
        WHERE id = $3 AND lease_owner = $2 AND state = 'sending'
        """

    /// A failed message ($1) back to waiting, due at $2, with its tries counted again (never one
    /// whose address erasure blanked).
    static let retryFailed = """
        UPDATE outbox SET state = 'waiting', next_attempt_at = $2, attempts = 0, last_error = NULL WHERE id = $1 AND state = 'failed' AND address <> ''
        """

    static let counts = "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state"
    static let failed = "SELECT \(entryColumns) FROM outbox WHERE state = 'failed' ORDER BY created_at DESC, id LIMIT $1"
    static let byPerson = "SELECT \(entryColumns) FROM outbox WHERE person_id = $1 ORDER BY created_at, id"
    static let lastOfKind = "SELECT MAX(created_at) AS last FROM outbox WHERE kind = $1 AND person_id = $2"

    /// Supervisors ($1 now) with active mentors whose next session was due before now.
    static let overdueSupervisors = """
        SELECT p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at, COUNT(*) AS overdue
        FROM trainee_summaries s
        JOIN enrolments e ON e.trainee_id = s.trainee_id AND e.programme_id = s.programme_id
        JOIN people p ON p.id = e.supervisor_id
        JOIN people t ON t.id = s.trainee_id
        WHERE s.supervision_due IS NOT NULL AND s.supervision_due < $1 AND p.active = TRUE AND t.active = TRUE
            AND s.stage IN ('in-practice', 'eligible', 'certified')
        GROUP BY p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at
        ORDER BY p.id
        """

    /// Active, not renewed certificates of active holders ending after $1 and before $2.
    static let expiringCertificates = """
        SELECT c.code, c.title, c.valid_until, p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at
        FROM certificates c JOIN people p ON p.id = c.trainee_id
        WHERE c.state = 'active' AND c.superseded_by IS NULL AND c.valid_until IS NOT NULL
            AND c.valid_until > $1 AND c.valid_until <= $2 AND p.active = TRUE
        ORDER BY c.valid_until, c.code
        """

    static let applicationsAfter = "SELECT COUNT(*) AS n FROM events WHERE kind = 'application-submitted' AND at > $1"
}
