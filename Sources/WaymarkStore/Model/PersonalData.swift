import Foundation
import WaymarkCertificates
import WaymarkProgress

/// Everything Waymark holds about one person, for a subject access request (UK GDPR Article
/// 15): their account, each programme's record with every event (answers, reflections,
/// practice, supervision and wellbeing included), drafts, certificates and how often each was
/// looked up, the DBS record and working notes, and the audit log's lines by or about them (who
/// looked at their DBS record, and when, among them). Never a password hash.
public struct PersonalData: Sendable, Hashable, Codable {
    public struct Profile: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var email: String
        public var roles: [String]
        public var active: Bool
        /// Whether they have set a password (the hash itself is never given out).
        public var hasPassword: Bool
        public var createdAt: Date
    }

    /// One programme: the enrolment and its events, in order.
    public struct ProgrammeRecord: Sendable, Hashable, Codable {
        public var programmeID: String
        public var supervisorID: String?
        public var enrolledAt: Date
        public var events: [TraineeEvent]
    }

    public struct CertificateEntry: Sendable, Hashable, Codable {
        public var code: String
        public var programmeID: String
        public var title: String
        public var holderName: String
        public var issuedAt: Date
        public var validUntil: Date?
        /// The status at the time of the export (`CertificateStatus`'s value).
        public var status: String
        /// Why it was suspended or revoked, if it was.
        public var stateReason: String?
        public var supersededBy: String?
        /// Public lookups per day (who looked is never kept).
        public var lookups: [LookupEntry]
    }

    public struct LookupEntry: Sendable, Hashable, Codable {
        public var day: String
        public var page: Int
        public var credential: Int
        public var status: Int
    }

    public struct VettingEntry: Sendable, Hashable, Codable {
        public var level: String
        public var certificateNumber: String
        public var issueDate: Date
        public var decision: String
        public var decidedBy: String
        public var decidedAt: Date
    }

    public struct NoteEntry: Sendable, Hashable, Codable {
        public var text: String
        public var recordedBy: String
        public var recordedAt: Date
    }

    public struct AuditLine: Sendable, Hashable, Codable {
        public var at: Date
        public var actorID: String
        public var action: String
        public var subjectID: String?
        public var detail: String?
    }

    public var exportedAt: Date
    public var profile: Profile
    public var programmes: [ProgrammeRecord]
    public var drafts: [ReflectionDraft]
    public var certificates: [CertificateEntry]
    public var vetting: VettingEntry?
    public var vettingNotes: [NoteEntry]
    /// What they wrote on the public application form, if they applied there.
    public var application: ApplicationDetails?
    /// The audit log's lines about them (what was done to their record, and who looked at it)
    /// and by them (what they did), newest first.
    public var auditAboutThem: [AuditLine]
    public var auditByThem: [AuditLine]
    /// The name of everyone the ids above stand for.
    public var names: [String: String]
    /// The emails written to them (sent, waiting or failed): what each was about and where it
    /// went. Their words are Waymark's own, the same for everyone, so they are not repeated.
    public var emails: [OutboxEntry] = []

    /// The export as JSON: keys sorted, dates in ISO 8601 (UTC), indented to be read.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads an export back (for tests and tools that check one).
    public static func read(_ data: Data) throws -> PersonalData {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(PersonalData.self, from: data)
    }
}
