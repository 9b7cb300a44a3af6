import Foundation

/// A signed-in session, found by the hash of its cookie token.
public struct SessionRecord: Sendable, Hashable {
    public var person: Person
    /// The token every form of this session must carry.
    public var csrfToken: String
    /// When it ends unless it is used again (an idle session ends; use moves this on).
    public var expiresAt: Date
    /// When the person signed in: no use keeps a session going past a fixed time after this.
    public var createdAt: Date

    public init(person: Person, csrfToken: String, expiresAt: Date, createdAt: Date) {
        self.person = person
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }
}

/// What counting one more try said (see `WebStore.countAttempt`).
public enum AttemptCount: Sendable, Equatable {
    /// Counted, and it may go ahead: the `number`th try in a row for its key.
    case counted(number: Int)
    /// Not counted, and it must not go ahead: no try for this key is let through before `until`.
    case waitUntil(Date)
}

/// What a one-time link is for.
public enum TokenPurpose: String, Sendable {
    /// Creating the first admin on a new installation.
    case setup
    /// A person invited by an admin setting their own password.
    case invite
    /// A person who has forgotten their password choosing a new one (valid for an hour).
    case passwordReset = "password-reset"
}

/// What the store knows about a form's key (see `WebStore.claimSubmission`).
public enum SubmissionClaim: Sendable, Equatable {
    /// The first time this form was sent: go ahead.
    case first
    /// Sent before; `location` is where the first one went once it finished (nil while it runs,
    /// or if it ended without a page to go to).
    case repeated(location: String?)

    /// How long keys are kept, in seconds: far longer than any retry.
    public static let kept: TimeInterval = 86_400
}

/// What the web app keeps besides the record: sessions, one-time links, rate counters, drafts.
public protocol WebStore: Sendable {
    /// Throws unless the database answers a trivial query: the health check, as cheap as a read can be.
    func checkReachable() async throws
    /// The migrations this version knows that the database has not had yet (empty when up to
    /// date): a server on such a database is not ready for requests.
    func pendingMigrations() async throws -> [String]
    /// Starts a session for a person; `tokenHash` is the SHA-256 of the cookie's token.
    func createSession(tokenHash: String, personID: String, csrfToken: String, at: Date, expiresAt: Date) async throws
    /// The live session with this token hash, if the person is still active.
    func session(tokenHash: String, at: Date) async throws -> SessionRecord?
    /// Ends a session (sign out).
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of a person (deactivation, password change).
    func deleteSessions(personID: String) async throws
    /// An admin ends every session of a person (a lost phone, a shared computer): audited.
    func endSessions(personID: String, by actorID: String, at: Date) async throws
    /// Moves a live session's end to `expiresAt` (it was used; the caller keeps the absolute limit).
    func extendSession(tokenHash: String, expiresAt: Date) async throws

    /// Stores a one-time link.
    func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) async throws
    /// Whether a link is still usable, and for whom.
    func validToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> (valid: Bool, personID: String?)
    /// Uses a link up, atomically: true only for the first use of a valid link.
    func useToken(tokenHash: String, purpose: TokenPurpose, at: Date) async throws -> Bool

    /// Counts one more hit for `key` in a window of `window` seconds; true while within `limit`.
    func hit(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool
    /// Whether `key` is over its limit now, without counting a hit.
    func isLimited(key: String, limit: Int, window: TimeInterval, at: Date) async throws -> Bool
    /// Forgets a counter (a successful sign-in clears the account's failures).
    func clearCounter(key: String) async throws
    /// Counts one more try for `key` in a single atomic step, so tries arriving together on any
    /// number of servers are each counted, before any of them is acted on. A key still waiting
    /// (its last try plus `wait(number of tries)` is later than `at`) is refused and not counted;
    /// a key with no try for `forgetAfter` starts again from one.
    func countAttempt(key: String, at: Date, forgetAfter: TimeInterval, wait: @escaping @Sendable (Int) -> TimeInterval) async throws
        -> AttemptCount
    /// Takes back one counted try (it turned out not to be a guess), leaving any wait as it is.
    func uncountAttempt(key: String) async throws

    /// Saves a reflection draft.
    func saveDraft(traineeID: String, programmeID: String, promptID: String, text: String, at: Date) async throws
    /// A saved draft.
    func draft(traineeID: String, programmeID: String, promptID: String) async throws -> String?
    /// Every draft a trainee has saved, on any programme (for a copy of their data).
    func drafts(traineeID: String) async throws -> [ReflectionDraft]
    /// Removes a draft once submitted.
    func deleteDraft(traineeID: String, programmeID: String, promptID: String) async throws

    /// Changes a person's roles.
    func setRoles(personID: String, roles: Set<Role>, by actorID: String, at: Date) async throws
    /// Activates or deactivates a person (deactivation ends their sessions).
    func setActive(personID: String, active: Bool, by actorID: String, at: Date) async throws
    /// Trainees supervised by this person, with their enrolments.
    func supervisees(supervisorID: String) async throws -> [Enrolment]

    /// Claims the key of a posted form, once: `.first` the first time (from any server), then
    /// `.repeated` with where the first went. Keys older than `SubmissionClaim.kept` are forgotten.
    func claimSubmission(key: String, personID: String, at: Date) async throws -> SubmissionClaim
    /// Remembers where a claimed form went, for its repeats.
    func completeSubmission(key: String, location: String) async throws
    /// Gives a claim back (the form was refused or failed, so sending it again must work).
    func releaseSubmission(key: String) async throws
}

/// How rate counters (sign-in tries and other hits per key) are cleaned as they are written.
enum RateCounters {
    /// Past counters deleted by each write that may make one: more than the one it makes, so
    /// the past ones never pile up, and few enough to keep every write quick.
    static let forgottenPerWrite = 16
}
