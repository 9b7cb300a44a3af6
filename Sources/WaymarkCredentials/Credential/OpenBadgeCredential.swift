import Foundation
import WaymarkCertificates

/// A certificate as an Open Badges 3.0 `OpenBadgeCredential` (Verifiable Credentials Data
/// Model 2.0).
///
/// It says only what a verifier needs: the holder's name, the achievement, the issuer, the dates
/// and where to check the status. Never an email, a record of checks, history or lived
/// experience: the holder is identified by the credential alone (`credentialSubject.id` is the
/// verify URL plus `#holder`).
public struct OpenBadgeCredential: Sendable, Hashable, Codable {
    /// The VC 2.0 and Open Badges 3.0.3 contexts, in that order.
    public static let contexts = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    /// The credential's types.
    public static let types = ["VerifiableCredential", "OpenBadgeCredential"]

    /// `@context`.
    public var context: [String]
    /// The verify URL of the certificate.
    public var id: String
    /// `VerifiableCredential`, `OpenBadgeCredential`.
    public var type: [String]
    /// The certificate's title.
    public var name: String
    /// Who issued it.
    public var issuer: Profile
    /// When it was issued, and when it stops being valid (RFC 3339, UTC, whole seconds).
    public var validFrom: String
    public var validUntil: String?
    /// The holder and what they achieved.
    public var credentialSubject: AchievementSubject
    /// Where a verifier checks whether it was suspended or revoked: its bits in the W3C
    /// Bitstring Status Lists, one entry for revocation and one for suspension.
    public var credentialStatus: [CredentialStatusEntry]

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, name, issuer, validFrom, validUntil, credentialSubject, credentialStatus
    }

    /// The issuer's Profile.
    public struct Profile: Sendable, Hashable, Codable {
        /// The site address.
        public var id: String
        /// `Profile`.
        public var type: [String]
        /// The organisation's name.
        public var name: String
        /// The site address, for people.
        public var url: String
    }

    /// The holder: their name, and the achievement.
    public struct AchievementSubject: Sendable, Hashable, Codable {
        /// The verify URL plus `#holder`: identifies the holder of this certificate, and nothing else.
        public var id: String
        /// `AchievementSubject`.
        public var type: [String]
        /// The holder's name.
        public var name: String
        /// The name again, as Open Badges 3.0 identifies a recipient (identityType "name").
        public var identifier: [IdentityObject]
        /// What was achieved.
        public var achievement: Achievement
    }

    /// An Open Badges recipient identifier.
    public struct IdentityObject: Sendable, Hashable, Codable {
        /// `IdentityObject`.
        public var type: String
        /// The holder's name, in the clear (`hashed` is false).
        public var identityHash: String
        /// `name`.
        public var identityType: String
        /// false.
        public var hashed: Bool
    }

    /// The achievement: the programme's certificate.
    public struct Achievement: Sendable, Hashable, Codable {
        /// The programme's achievement URL.
        public var id: String
        /// `Achievement`.
        public var type: [String]
        /// The certificate's title.
        public var name: String
        /// What holding it means.
        public var description: String
        /// How it was earned.
        public var criteria: Criteria
    }

    /// How an achievement is earned.
    public struct Criteria: Sendable, Hashable, Codable {
        /// In plain words.
        public var narrative: String
    }

    /// The credential of a certificate. The achievement and the holder's name are the ones
    /// copied into the certificate when it was issued.
    public init(certificate: CertificateRecord, issuer: CredentialIssuer) {
        let code = certificate.code
        context = Self.contexts
        id = issuer.verifyURL(code)
        type = Self.types
        name = certificate.title
        self.issuer = Profile(id: issuer.id, type: ["Profile"], name: issuer.name, url: issuer.baseURL)
        validFrom = Self.timestamp(certificate.issuedAt)
        validUntil = certificate.validUntil.map(Self.timestamp)
        credentialSubject = AchievementSubject(
            id: issuer.holderID(code),
            type: ["AchievementSubject"],
            name: certificate.holderName,
            identifier: [IdentityObject(type: "IdentityObject", identityHash: certificate.holderName, identityType: "name", hashed: false)],
            achievement: Achievement(
                id: issuer.achievementURL(certificate.programmeID),
                type: ["Achievement"],
                name: certificate.title,
                description: certificate.description,
                criteria: Criteria(narrative: certificate.criteria)
            )
        )
        credentialStatus =
            certificate.statusSlot.map { slot in StatusPurpose.allCases.map { CredentialStatusEntry(slot: slot, purpose: $0, issuer: issuer) } } ?? []
    }

    /// Reads a credential; `credentialStatus` may be one entry or several (or none).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        context = try container.decode([String].self, forKey: .context)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decode([String].self, forKey: .type)
        name = try container.decode(String.self, forKey: .name)
        issuer = try container.decode(Profile.self, forKey: .issuer)
        validFrom = try container.decode(String.self, forKey: .validFrom)
        validUntil = try container.decodeIfPresent(String.self, forKey: .validUntil)
        credentialSubject = try container.decode(AchievementSubject.self, forKey: .credentialSubject)
        credentialStatus = container.contains(.credentialStatus) ? try .decodeOneOrMany(from: container) : []
    }

    /// The credential as JSON (keys sorted, so the same certificate is always the same bytes):
    /// what `/credentials/<code>.json` serves.
    public func json() -> Data {
        (try? Self.encoder.encode(self)) ?? Data()
    }

    /// `validFrom` as a date (whole seconds), or nil when it is not RFC 3339.
    public var validFromDate: Date? { Self.date(validFrom) }
    /// `validUntil` as a date, or nil when there is none or it is not RFC 3339.
    public var validUntilDate: Date? { validUntil.flatMap(Self.date) }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// RFC 3339 in UTC with whole seconds, as `nbf` and `exp` hold them: `2026-11-26T16:54:15Z`.
    static func timestamp(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
