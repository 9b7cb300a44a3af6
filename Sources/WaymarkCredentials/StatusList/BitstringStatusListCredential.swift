import Foundation
import WaymarkCertificates

/// A W3C Bitstring Status List as a credential (`BitstringStatusListCredential`), what
/// `/status-lists/<list>/<purpose>` serves signed as a VC-JWT with the issuer's key:
///
/// ```json
/// { "@context": ["https://www.w3.org/ns/credentials/v2"],
///   "id": "https://mentors.example.org/status-lists/1/revocation",
///   "type": ["VerifiableCredential", "BitstringStatusListCredential"],
///   "issuer": "https://mentors.example.org",
///   "validFrom": "2026-12-01T14:00:00Z", "validUntil": "2026-12-08T14:00:00Z",
///   "credentialSubject": { "id": "https://mentors.example.org/status-lists/1/revocation#list",
///     "type": "BitstringStatusList", "statusPurpose": "revocation", "ttl": 300000,
///     "encodedList": "uH4sI…" } }
/// ```
///
/// Each list says it is good for a week (`validUntil`), so a copy kept back by someone cannot
/// hide a later revocation for longer; servers build it again when it is a day old.
public struct BitstringStatusListCredential: Sendable, Hashable, Codable {
    /// The VC 2.0 context.
    public var context: [String]
    /// The list's URL.
    public var id: String
    /// `VerifiableCredential`, `BitstringStatusListCredential`.
    public var type: [String]
    /// The issuer's id (the same as the credentials' issuer).
    public var issuer: String
    /// When it was built, and until when a verifier may rely on it.
    public var validFrom: String
    public var validUntil: String?
    /// The bits.
    public var credentialSubject: Subject

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, issuer, validFrom, validUntil, credentialSubject
    }

    /// The list itself.
    public struct Subject: Sendable, Hashable, Codable {
        /// The list's URL with `#list`.
        public var id: String
        /// `BitstringStatusList`.
        public var type: String
        /// `revocation` or `suspension`.
        public var statusPurpose: String
        /// "u", then base64url of the GZIP-compressed bits.
        public var encodedList: String
        /// How long a verifier may keep it before fetching it again, in milliseconds.
        public var ttl: Int?
    }

    /// How long a verifier may keep a list (`ttl`, and `Cache-Control: max-age`): 5 minutes, so a
    /// suspension reaches every verifier within minutes while most checks cost no fetch.
    public static let cacheSeconds = 300
    /// How long a list says it is good for.
    public static let validSeconds: TimeInterval = 7 * 24 * 3600
    /// How old a list may get before it is built again when asked for.
    public static let rebuildAfterSeconds: TimeInterval = 24 * 3600

    /// The list `list` for `purpose` with these bits, built at `now`.
    public init(list: Int, purpose: StatusPurpose, bits: StatusBitstring, issuer: CredentialIssuer, now: Date) throws {
        let url = issuer.statusListURL(list: list, purpose: purpose)
        context = [OpenBadgeCredential.contexts[0]]
        id = url
        type = ["VerifiableCredential", "BitstringStatusListCredential"]
        self.issuer = issuer.id
        validFrom = OpenBadgeCredential.timestamp(now)
        validUntil = OpenBadgeCredential.timestamp(now.addingTimeInterval(Self.validSeconds))
        credentialSubject = Subject(
            id: "\(url)#list",
            type: "BitstringStatusList",
            statusPurpose: purpose.rawValue,
            encodedList: try bits.encodedList(),
            ttl: Self.cacheSeconds * 1000
        )
    }
}
