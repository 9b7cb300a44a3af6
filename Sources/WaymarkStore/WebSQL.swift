import Foundation

/// The web app's SQL besides the rate counters (sessions, one-time links, drafts, people's
/// roles, posted forms), written once for both stores. Statements whose changed rows are counted end
/// in `RETURNING 1`, which PostgreSQL needs to count them.
enum WebSQL {
    static let reachable: SQLStatement = "SELECT 1"

    static func forgetSessions(endedBefore at: Date) -> SQLStatement {
        "DELETE FROM sessions WHERE expires_at < \(at)"
    }

    static func insertSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) -> SQLStatement {
        """
        INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at)
        VALUES (\(tokenHash), \(personID), \(csrfToken), \(at), \(expiresAt))
        """
    }

    /// The live session with this token hash of an active person. `SQLiteStore` reads its
    /// columns by position, in this order.
    static func session(tokenHash: String, at: Date) -> SQLStatement {
        """
        SELECT p.id, p.name, p.email, p.roles, p.password_hash, p.active, p.created_at, s.csrf_token, s.expires_at,
            s.created_at AS session_created_at
        FROM sessions s JOIN people p ON p.id = s.person_id
        WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(at) AND p.active = \(.true)
        """
    }

    static func deleteSession(tokenHash: String) -> SQLStatement {
        "DELETE FROM sessions WHERE token_hash = \(tokenHash)"
    }

    static func deleteSessions(personID: String) -> SQLStatement {
        "DELETE FROM sessions WHERE person_id = \(personID) RETURNING 1"
    }

    /// Moves a session's end later, never earlier.
    static func extendSession(tokenHash: String, expiresAt: Date) -> SQLStatement {
        "UPDATE sessions SET expires_at = \(expiresAt) WHERE token_hash = \(tokenHash) AND expires_at < \(expiresAt)"
    }

    static func insertToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) -> SQLStatement {
        """
        INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at)
        VALUES (\(tokenHash), \(purpose.rawValue), \(personID), \(at), \(expiresAt))
        """
    }

    static func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) -> SQLStatement {
        """
        SELECT person_id FROM one_time_tokens
        WHERE token_hash = \(tokenHash) AND purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > \(at)
        """
    }

    static func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) -> SQLStatement {
        """
        UPDATE one_time_tokens SET used_at = \(at)
        WHERE token_hash = \(tokenHash) AND purpose = \(purpose.rawValue) AND used_at IS NULL AND expires_at > \(at)
        RETURNING 1
        """
    }

    static func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) -> SQLStatement {
        """
        INSERT INTO reflection_drafts (trainee_id, programme_id, prompt_id, text, updated_at)
        VALUES (\(traineeID), \(programmeID), \(promptID), \(text), \(at))
        ON CONFLICT (trainee_id, programme_id, prompt_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
        """
    }

    static func draft(traineeID: String, programmeID: String, promptID: String) -> SQLStatement {
        "SELECT text FROM reflection_drafts WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) AND prompt_id = \(promptID)"
    }

    static func drafts(traineeID: String) -> SQLStatement {
        "SELECT * FROM reflection_drafts WHERE trainee_id = \(traineeID) ORDER BY programme_id\(.binaryOrder), prompt_id\(.binaryOrder)"
    }

    static func deleteDraft(traineeID: String, programmeID: String, promptID: String) -> SQLStatement {
        "DELETE FROM reflection_drafts WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) AND prompt_id = \(promptID)"
    }

    static func setRoles(personID: String, roles: Set<Role>) -> SQLStatement {
        "UPDATE people SET roles = \(PeopleSQL.encode(roles)) WHERE id = \(personID) RETURNING 1"
    }

    static func setActive(personID: String, active: Bool) -> SQLStatement {
        "UPDATE people SET active = \(active) WHERE id = \(personID) RETURNING 1"
    }

    static func supervisees(supervisorID: String) -> SQLStatement {
        "SELECT * FROM enrolments WHERE supervisor_id = \(supervisorID) ORDER BY enrolled_at"
    }

    /// Keys of posted forms older than `SubmissionClaim.kept` before `at`.
    static func forgetSubmissions(before at: Date) -> SQLStatement {
        "DELETE FROM form_submissions WHERE created_at < \(at.timeIntervalSince1970 - SubmissionClaim.kept)"
    }

    static func claimSubmission(key: String, personID: String, at: Date) -> SQLStatement {
        "INSERT INTO form_submissions (key, person_id, created_at) VALUES (\(key), \(personID), \(at)) ON CONFLICT (key) DO NOTHING RETURNING 1"
    }

    static func submissionLocation(key: String) -> SQLStatement {
        "SELECT location FROM form_submissions WHERE key = \(key)"
    }

    static func completeSubmission(key: String, location: String) -> SQLStatement {
        "UPDATE form_submissions SET location = \(location) WHERE key = \(key)"
    }

    static func releaseSubmission(key: String) -> SQLStatement {
        "DELETE FROM form_submissions WHERE key = \(key)"
    }

    static func session(_ row: any SQLRow) throws -> SessionRecord {
        SessionRecord(
            person: try PeopleSQL.person(row),
            csrfToken: try row.required("csrf_token"),
            expiresAt: try row.requiredDate("expires_at"),
            createdAt: try row.requiredDate("session_created_at")
        )
    }

    static func draft(_ row: any SQLRow) throws -> ReflectionDraft {
        ReflectionDraft(
            programmeID: try row.required("programme_id"),
            promptID: try row.required("prompt_id"),
            text: try row.required("text"),
            updatedAt: try row.requiredDate("updated_at")
        )
    }
}
