import Foundation

/// The outbox's SQL, written once for both stores.
enum OutboxSQL {
    /// The columns an `OutboxEntry` is read from.
    static let entryColumns = "id, person_id, address, kind, subject, state, attempts, last_error, created_at, sent_at"
    /// The columns an `OutboxMessage` is read from.
    static let messageColumns = "id, person_id, address, kind, subject, plain_text, html, attempts"

    /// One email, unless its `onceKey` is taken; returns a row when written.
    static func insert(_ draft: OutboxDraft, id: String, at: Date) -> SQLStatement {
        """
        INSERT INTO outbox (id, person_id, address, kind, subject, plain_text, html, once_key, created_at, next_attempt_at)
        VALUES (\(id), \(draft.personID), \(draft.address), \(draft.kind.rawValue), \(draft.subject), \(draft.plainText), \(draft.html),
            \(draft.onceKey), \(at), \(at))
        ON CONFLICT (once_key) DO NOTHING RETURNING 1
        """
    }

    /// Takes up to `limit` messages due at `now` (waiting and past their next try, or held by a
    /// sender whose lease has run out) for `owner`, returning them. A message another sender is
    /// taking at this moment is passed over, not waited for.
    static func claim(owner: String, at now: Date, leaseUntil: Date, limit: Int) -> SQLStatement {
        """
        UPDATE outbox SET state = 'sending', lease_owner = \(owner), lease_until = \(leaseUntil), attempts = attempts + 1
        WHERE id IN (
            SELECT id FROM outbox WHERE (state = 'waiting' AND next_attempt_at <= \(now)) OR (state = 'sending' AND lease_until <= \(now))
            ORDER BY next_attempt_at, id LIMIT \(max(limit, 0))\(.forUpdateSkipLocked)
        )
        RETURNING \(trusted: messageColumns), next_attempt_at
        """
    }

    static func markSent(id: String, owner: String, at: Date) -> SQLStatement {
        """
        UPDATE outbox SET state = 'sent', sent_at = \(at), lease_owner = NULL, lease_until = NULL, last_error = NULL
        WHERE id = \(id) AND lease_owner = \(owner) AND state = 'sending'
        """
    }

    /// Back to waiting until `retryAt`, or failed for good when that is nil.
    static func markNotSent(id: String, owner: String, error: String, retryAt: Date?) -> SQLStatement {
        let state = retryAt == nil ? OutboxState.failed : OutboxState.waiting
        return """
            UPDATE outbox SET state = \(state.rawValue), next_attempt_at = COALESCE(\(retryAt), next_attempt_at), last_error = \(String(error.prefix(500))),
                lease_owner = NULL, lease_until = NULL
            WHERE id = \(id) AND lease_owner = \(owner) AND state = 'sending'
            """
    }

    /// A failed message back to waiting, due at once, with its tries counted again (never one
    /// whose address erasure blanked); returns its row when it had failed.
    static func retryFailed(id: String, at: Date) -> SQLStatement {
        """
        UPDATE outbox SET state = 'waiting', next_attempt_at = \(at), attempts = 0, last_error = NULL
        WHERE id = \(id) AND state = 'failed' AND address <> '' RETURNING person_id
        """
    }

    static let counts: SQLStatement = "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state"

    static func failed(limit: Int) -> SQLStatement {
        "SELECT \(trusted: entryColumns) FROM outbox WHERE state = 'failed' ORDER BY created_at DESC, id LIMIT \(max(limit, 0))"
    }

    static func byPerson(_ personID: String) -> SQLStatement {
        "SELECT \(trusted: entryColumns) FROM outbox WHERE person_id = \(personID) ORDER BY created_at, id"
    }

    static func lastOfKind(_ kind: OutboxKind, personID: String) -> SQLStatement {
        "SELECT MAX(created_at) AS last FROM outbox WHERE kind = \(kind.rawValue) AND person_id = \(personID)"
    }

    /// Supervisors with active mentors whose next session was due before `now`.
    static func overdueSupervisors(at now: Date) -> SQLStatement {
        """
        SELECT p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at, COUNT(*) AS overdue
        FROM trainee_summaries s
        JOIN enrolments e ON e.trainee_id = s.trainee_id AND e.programme_id = s.programme_id
        JOIN people p ON p.id = e.supervisor_id
        JOIN people t ON t.id = s.trainee_id
        WHERE s.supervision_due IS NOT NULL AND s.supervision_due < \(now) AND p.active = \(.true) AND t.active = \(.true)
            AND s.stage IN ('in-practice', 'eligible', 'certified')
        GROUP BY p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at
        ORDER BY p.id
        """
    }

    /// Active, not renewed certificates of active holders ending after `at` and by `before`.
    static func expiringCertificates(at: Date, before: Date) -> SQLStatement {
        """
        SELECT c.code, c.title, c.valid_until, p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at
        FROM certificates c JOIN people p ON p.id = c.trainee_id
        WHERE c.state = 'active' AND c.superseded_by IS NULL AND c.valid_until IS NOT NULL
            AND c.valid_until > \(at) AND c.valid_until <= \(before) AND p.active = \(.true)
        ORDER BY c.valid_until, c.code
        """
    }

    static func applicationsSent(after since: Date) -> SQLStatement {
        "SELECT COUNT(*) AS n FROM events WHERE kind = 'application-submitted' AND at > \(since)"
    }

    /// Claimed messages in the order they fell due (`RETURNING` keeps no order).
    static func claimed(_ rows: [any SQLRow]) throws -> [OutboxMessage] {
        var due: [(at: Double, message: OutboxMessage)] = []
        for row in rows {
            guard let message = try message(row) else { continue }
            due.append((try row.required("next_attempt_at", as: Double.self), message))
        }
        return due.sorted { ($0.at, $0.message.id) < ($1.at, $1.message.id) }.map(\.message)
    }

    static func message(_ row: any SQLRow) throws -> OutboxMessage? {
        guard let kind = OutboxKind(rawValue: try row.required("kind")) else { return nil }
        return OutboxMessage(
            id: try row.required("id"),
            personID: try row.optional("person_id"),
            address: try row.required("address"),
            kind: kind,
            subject: try row.required("subject"),
            plainText: try row.required("plain_text"),
            html: try row.required("html"),
            attempts: try row.required("attempts")
        )
    }

    static func entry(_ row: any SQLRow) throws -> OutboxEntry? {
        guard let kind = OutboxKind(rawValue: try row.required("kind")), let state = OutboxState(rawValue: try row.required("state")) else { return nil }
        return OutboxEntry(
            id: try row.required("id"),
            personID: try row.optional("person_id"),
            address: try row.required("address"),
            kind: kind,
            subject: try row.required("subject"),
            state: state,
            attempts: try row.required("attempts"),
            lastError: try row.optional("last_error"),
            createdAt: try row.requiredDate("created_at"),
            sentAt: try row.optionalDate("sent_at")
        )
    }

    static func counts(_ rows: [any SQLRow]) throws -> OutboxCounts {
        var counts = OutboxCounts()
        for row in rows {
            let count: Int = try row.required("n")
            switch OutboxState(rawValue: try row.required("state")) {
            case .waiting: counts.waiting += count
            case .sending: counts.sending += count
            case .sent: counts.sent += count
            case .failed: counts.failed += count
            case nil: break
            }
        }
        return counts
    }

    static func overdueSupervisor(_ row: any SQLRow) throws -> OverdueSupervisor {
        OverdueSupervisor(person: try PeopleSQL.person(row), overdueMentors: try row.required("overdue"))
    }

    static func expiringCertificate(_ row: any SQLRow) throws -> ExpiringCertificate {
        ExpiringCertificate(
            code: try row.required("code"),
            holder: try PeopleSQL.person(row),
            title: try row.required("title"),
            validUntil: try row.requiredDate("valid_until")
        )
    }
}
