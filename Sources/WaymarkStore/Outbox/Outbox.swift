import Foundation
import WaymarkCertificates
import WaymarkProgress

/// What an email is about. Stored in the outbox's `kind` column; the words of each are written
/// in one place in the web app (`MailWords`).
public enum OutboxKind: String, Sendable, Hashable, Codable, CaseIterable {
    case invite
    case passwordReset = "password-reset"
    case certificateIssued = "certificate-issued"
    case certificateExpiring = "certificate-expiring"
    case reflectionSentBack = "reflection-sent-back"
    case supervisionOverdue = "supervision-overdue"
    case newApplications = "new-applications"
}

/// Where a message in the outbox is.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for a sender (now, or after a back-off).
    case waiting
    /// A sender has it, until its lease ends.
    case sending
    case sent
    /// No more tries: refused by the mail server, or still failing after about two days.
    case failed
}

/// An email to be written to the outbox, in the same transaction as whatever causes it.
public struct OutboxDraft: Sendable, Hashable {
    /// Who it is for, when they have an account (their row is blanked if they are erased).
    public var personID: String?
    public var address: String
    public var kind: OutboxKind
    public var subject: String
    public var plainText: String
    public var html: String
    /// At most one message is ever written for a key, by any number of servers (the reminders
    /// use it: "this certificate's expiry", "this supervisor, this week").
    public var onceKey: String?

    public init(personID: String?, address: String, kind: OutboxKind, subject: String, plainText: String, html: String, onceKey: String? = nil) {
        self.personID = personID
        self.address = address
        self.kind = kind
        self.subject = subject
        self.plainText = plainText
        self.html = html
        self.onceKey = onceKey
    }
}

/// A message a sender has claimed: its lease is its own until `leaseUntil`.
public struct OutboxMessage: Sendable, Hashable {
    public var id: String
    public var personID: String?
    public var address: String
    public var kind: OutboxKind
    public var subject: String
    public var plainText: String
    public var html: String
    /// Tries so far, this one included.
    public var attempts: Int
}

/// How many messages are in each state.
public struct OutboxCounts: Sendable, Hashable {
    public var waiting = 0
    public var sending = 0
    public var sent = 0
    public var failed = 0

    public init(waiting: Int = 0, sending: Int = 0, sent: Int = 0, failed: Int = 0) {
        self.waiting = waiting
        self.sending = sending
        self.sent = sent
        self.failed = failed
    }
}

/// A message shown on the admin's outbox page or in a person's copy of their data: never its words.
public struct OutboxEntry: Sendable, Hashable, Codable {
    public var id: String
    public var personID: String?
    public var address: String
    public var kind: OutboxKind
    public var subject: String
    public var state: OutboxState
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?
}

/// A supervisor with mentors whose supervision is overdue, for the weekly reminder.
public struct OverdueSupervisor: Sendable, Hashable {
    public var person: Person
    public var overdueMentors: Int

    public init(person: Person, overdueMentors: Int) {
        self.person = person
        self.overdueMentors = overdueMentors
    }
}

/// A certificate that ends soon, for the reminder to its holder.
public struct ExpiringCertificate: Sendable, Hashable {
    public var code: String
    public var holder: Person
    public var title: String
    public var validUntil: Date

    public init(code: String, holder: Person, title: String, validUntil: Date) {
        self.code = code
        self.holder = holder
        self.title = title
        self.validUntil = validUntil
    }
}

/// How the sender waits between tries of a message the mail server could not take yet: a
/// minute, five, half an hour, two hours, six, then every twelve, and no more after about two
/// days. A refusal that no retry can mend fails at once.
public enum OutboxBackOff {
    static let delays: [TimeInterval] = [60, 300, 1_800, 7_200, 21_600, 43_200, 43_200, 43_200]

    /// When to try again after `attempts` tries have failed, or nil to stop trying.
    public static func retry(afterAttempts attempts: Int, at now: Date) -> Date? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        return now.addingTimeInterval(delays[attempts - 1])
    }

    /// Longest a sender may hold a message before another may take it (a crashed sender):
    /// far longer than a batch takes to send, even to a mail server that is slow to answer.
    public static let lease: TimeInterval = 900
}

/// The outbox: emails waiting, being sent, sent and failed. Every message is written in the
/// transaction of what causes it (an invite link, a certificate...) and sent by a background
/// sender; several senders, on several servers, each take different messages.
public protocol OutboxStore: Sendable {
    /// Stores a one-time link (as `WebStore.createToken`) and its emails, in one transaction.
    func createToken(tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date, mail: [OutboxDraft]) async throws
    /// Appends events (as `RecordStore.append`, or `CertificateStore.append` with a change) and
    /// writes their emails, all in one transaction.
    func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange?, mail: [OutboxDraft]) async throws
    /// Writes emails on their own (the reminders). A draft with a `onceKey` already used is
    /// skipped, as is one to a person sent the same kind after `quietSince` (when given).
    /// Returns how many were written.
    @discardableResult
    func enqueue(_ mail: [OutboxDraft], quietSince: Date?, at: Date) async throws -> Int

    /// Takes up to `limit` messages that are due (or whose sender's lease ran out) for `owner`,
    /// until `leaseUntil`. Two senders never get the same message while a lease lasts.
    func claimOutbox(owner: String, at: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage]
    /// The mail server took it. Only the sender holding the lease can say so.
    func markSent(id: String, owner: String, at: Date) async throws
    /// It did not go: waits until `retryAt`, or fails for good when that is nil.
    func markNotSent(id: String, owner: String, error: String, retryAt: Date?) async throws
    /// An admin asks for a failed message to be tried again (audited); false if it had not failed.
    func retryFailedMessage(id: String, by actorID: String, at: Date) async throws -> Bool

    func outboxCounts() async throws -> OutboxCounts
    /// The failed messages, newest first.
    func failedMessages(limit: Int) async throws -> [OutboxEntry]
    /// Every message to a person, oldest first (for their copy of their data).
    func outboxEntries(personID: String) async throws -> [OutboxEntry]
    /// When the person was last written a message of this kind, if ever.
    func lastMessage(kind: OutboxKind, personID: String) async throws -> Date?

    /// Active supervisors with active mentors whose supervision was due before `at`.
    func supervisorsWithOverdueMentors(at: Date) async throws -> [OverdueSupervisor]
    /// Active certificates of active holders, not renewed, ending between `at` and `before`.
    func certificatesExpiring(at: Date, before: Date) async throws -> [ExpiringCertificate]
    /// How many applications were sent in after `since`.
    func applicationsSent(after since: Date) async throws -> Int
}
