import Foundation
import WaymarkCertificates
import WaymarkProgress

/// People and their accounts.
public protocol PeopleStore: Sendable {
    /// Adds a person; throws `StoreError.duplicateEmail` when the address is taken.
    func addPerson(_ person: NewPerson, at: Date) async throws -> Person
    /// The person with this id, or nil.
    func person(id: String) async throws -> Person?
    /// The person with this email (any case), or nil.
    func person(email: String) async throws -> Person?
    /// Everyone, or everyone with a role, by name.
    func people(withRole role: Role?) async throws -> [Person]
    /// Whether anyone holds the admin role (first run needs a setup link when not).
    func hasAdmin() async throws -> Bool
    /// Replaces a person's password hash, and audits it.
    func setPassword(personID: String, hash: String, by actorID: String, at: Date) async throws
}

/// Trainees' records: enrolments, the append-only event log and its projection.
public protocol RecordStore: Sendable {
    /// Puts a trainee on a programme (once); returns the enrolment.
    func enrol(_ enrolment: Enrolment) async throws -> Enrolment
    /// A trainee's enrolments.
    func enrolments(traineeID: String) async throws -> [Enrolment]
    /// A trainee's events on a programme, in sequence order, complete.
    func events(traineeID: String, programmeID: String) async throws -> [TraineeEvent]
    /// The same events without the answers inside attempts (their scores are there): what
    /// working out progress needs, read faster. Never use these to show answers.
    func eventsForProgress(traineeID: String, programmeID: String) async throws -> [TraineeEvent]
    /// What the trainee answered in the attempt recorded as event `sequence`: nil when that
    /// event keeps no answers (it is not an attempt, or nothing was answered). A result page
    /// reads the record without answers and then this, rather than every earlier try's answers.
    func answers(traineeID: String, programmeID: String, sequence: Int) async throws -> [String: Answer]?
    /// A trainee's enrolments, each with its events (complete when `answers`, otherwise as
    /// `eventsForProgress`), in one read: what a trainee's page needs, without a second trip.
    func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])]
    /// Every trainee's events on a programme (as `eventsForProgress`), one trainee at a time in
    /// id order, read in one pass (for rebuilding summaries and whole-cohort reports). Runs
    /// `body` on the reading thread.
    func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws
    /// Appends events (numbered after the last one) and replaces the trainee's summary, in one
    /// transaction; throws `StoreError.conflict` if an event with that number exists already.
    func append(_ events: [TraineeEvent], summary: TraineeSummary) async throws
    /// The programmes that have at least one trainee enrolled, by id.
    func programmesWithTrainees() async throws -> [String]
    /// One page of summaries on a programme, by name; optionally only one stage.
    func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage
    /// Blanks a person's personal data everywhere, in one transaction (see `Erasure`): name,
    /// email, password, every free text in their record, drafts, the DBS record and notes; ends
    /// their sessions and invite links; their certificates name nobody and are no longer valid.
    /// Records the erasure as an event and in the audit log. Throws `StoreError.refused` for
    /// the actor's own record and for the last admin who can sign in.
    func erasePersonalData(personID: String, by actorID: String, at: Date) async throws
}

/// Vetting (DBS) records: minimal, and every read is logged.
public protocol VettingStore: Sendable {
    /// Records (or replaces) the vetting record of a trainee.
    func recordVetting(_ record: VettingRecord, by actorID: String, at: Date) async throws
    /// The vetting record, writing an audit entry for the viewer in the same transaction.
    func vettingRecord(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> VettingRecord?
    /// Adds a working note.
    func addVettingNote(traineeID: String, text: String, by actorID: String, at: Date) async throws
    /// The working notes, writing an audit entry for the viewer.
    func vettingNotes(traineeID: String, viewedBy viewerID: String, at: Date) async throws -> [VettingNote]
    /// Deletes working notes recorded before `cutoff`; returns how many, and audits it.
    func purgeVettingNotes(recordedBefore cutoff: Date, by actorID: String, at: Date) async throws -> Int
}

/// The audit log.
public protocol AuditStore: Sendable {
    /// Adds an entry.
    func audit(_ entry: AuditEntry) async throws
    /// Entries about a person, newest first.
    func auditEntries(subjectID: String) async throws -> [AuditEntry]
    /// A page of the log, newest first, filtered as the query says.
    func auditLog(_ query: AuditQuery) async throws -> AuditPage
    /// Every action the log holds, in order.
    func auditActions() async throws -> [String]
}

/// Certificates (a projection of the certificate events), their public lookups and the
/// per-address rate limit on those lookups.
public protocol CertificateStore: Sendable {
    /// Appends events and replaces the summary (as `RecordStore.append`) and applies a change to
    /// the certificates, all in one transaction. The change is about the trainee and programme of
    /// `summary`, and happens at the time of the last event. Throws `StoreError.conflict` as
    /// `append` does, `StoreError.notFound` for an unknown code and `StoreError.refused` when the
    /// change does not fit the certificate (reinstating one that is not suspended, and so on).
    func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws
    /// Every W3C Bitstring Status List (two for each list in use: revocation and suspension),
    /// with the version it is up to and its signed copy, by list and purpose.
    func statusLists() async throws -> [StoredStatusList]
    /// One status list, or nil when no certificate has a bit in it.
    func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList?
    /// The bits of a status list (the certificates in it whose state is the purpose's) and the
    /// version they are at, read together.
    func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits
    /// Keeps a signed status list built from `version`, unless the one kept is from a later
    /// version (two servers building at once: the newer bits win).
    func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws
    /// The certificate with this code (as `CertificateCode.description` writes it), or nil.
    func certificate(code: String) async throws -> CertificateRecord?
    /// A holder's certificates, oldest first.
    func certificates(traineeID: String) async throws -> [CertificateRecord]
    /// Every certificate, or every one on a programme, newest first.
    func certificates(programmeID: String?) async throws -> [CertificateRecord]
    /// Counts one public lookup of a certificate on its day (UTC) and kind, in one atomic step:
    /// the log grows by a row per certificate, day and kind, never by a row per lookup.
    func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws
    /// How often a certificate has been looked up, and on which day last.
    func lookupCount(code: String) async throws -> LookupCount
    /// A certificate's lookups per day, the most recent `limit` days with any, newest first.
    func lookupDays(code: String, limit: Int) async throws -> [LookupDay]
    /// Counts a lookup from `address` and answers whether it is within `limit` lookups in the
    /// current window of `window` seconds. Counters of past windows are deleted as it goes.
    func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool
}

/// Curriculum versions every server runs, and each server's last look for a newer one.
public protocol CurriculumVersionStore: Sendable {
    /// Stores a version under the next number, unless one with the same digest is stored
    /// already (then that one is answered and nothing is added). Two servers storing at once
    /// get different numbers.
    func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome
    /// The newest version's number, or nil when none is stored: one read of an index, cheap
    /// enough for every server to ask every few seconds.
    func newestCurriculumVersionNumber() async throws -> Int?
    /// The version with this number, or nil.
    func curriculumVersion(number: Int) async throws -> CurriculumVersion?
    /// The version stored with these files' digest, or nil.
    func curriculumVersion(digest: String) async throws -> CurriculumVersion?
    /// The newest `limit` versions, newest first.
    func curriculumVersions(limit: Int) async throws -> [CurriculumVersion]
    /// A version's files, by path.
    func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])]
    /// Records that a server looked for a newer version at `at` and runs `runningVersion`.
    func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws
    /// The servers that looked since `since`, the most recent first.
    func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck]
}

/// Applications from the public form, and whether the form is open.
public protocol ApplicationStore: Sendable {
    /// Writes an application from the public form in one transaction: the person, enrolment,
    /// application event, summary, what they wrote and their invite link. When the email
    /// already has an account nothing is written or changed (`.emailTaken`).
    func submitApplication(_ application: OnlineApplication) async throws -> ApplicationOutcome
    /// What the person wrote on the public form, if they applied there (nil after erasure).
    func application(traineeID: String) async throws -> ApplicationDetails?
    /// Whether the public form takes applications (open until an admin closes it).
    func applicationsOpen() async throws -> Bool
    /// Opens or closes the public form, and audits it in the same transaction.
    func setApplicationsOpen(_ open: Bool, by actorID: String, at: Date) async throws
    /// Trainees (and nothing else) whose record holds only their application, made before
    /// `cutoff`, and who are not erased yet: applicants nothing came of, by id.
    func staleApplicants(appliedBefore cutoff: Date) async throws -> [String]
}

/// Everything Waymark keeps. SQLite today; PostgreSQL implements the same protocols.
public typealias WaymarkStore = PeopleStore & RecordStore & VettingStore & AuditStore & WebStore & CertificateStore & OutboxStore
    & CurriculumVersionStore & ApplicationStore
