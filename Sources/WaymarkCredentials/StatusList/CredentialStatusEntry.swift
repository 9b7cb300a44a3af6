import Foundation
import WaymarkCertificates

/// One member of a credential's `credentialStatus`. Waymark writes `BitstringStatusListEntry`s
/// (W3C Bitstring Status List, a Recommendation since 2025):
///
/// ```json
/// { "id": "https://mentors.example.org/status-lists/1/revocation#40711",
///   "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
///   "statusListIndex": "40711", "statusListCredential": "https://mentors.example.org/status-lists/1/revocation" }
/// ```
///
/// Credentials Waymark signed before it used the lists hold one `1EdTechRevocationList` entry
/// (its `id` is the per-certificate status document) and are read too, so they still verify.
public struct CredentialStatusEntry: Sendable, Hashable, Codable {
    /// The entry's own id: the list's URL with `#index` (never the list's URL itself).
    public var id: String
    /// `BitstringStatusListEntry` (or, in older credentials, `1EdTechRevocationList`).
    public var type: String
    /// `revocation` or `suspension`.
    public var statusPurpose: String?
    /// The bit's index, as a string in base 10 (as the Recommendation writes it).
    public var statusListIndex: String?
    /// The URL of the list (a `BitstringStatusListCredential`).
    public var statusListCredential: String?

    /// The W3C entry type.
    public static let bitstringType = "BitstringStatusListEntry"

    /// The entry for a certificate's slot in the list for `purpose`.
    public init(slot: StatusListSlot, purpose: StatusPurpose, issuer: CredentialIssuer) {
        let list = issuer.statusListURL(list: slot.list, purpose: purpose)
        id = "\(list)#\(slot.index)"
        type = Self.bitstringType
        statusPurpose = purpose.rawValue
        statusListIndex = String(slot.index)
        statusListCredential = list
    }

    /// An entry with every field given.
    public init(id: String, type: String, statusPurpose: String? = nil, statusListIndex: String? = nil, statusListCredential: String? = nil) {
        self.id = id
        self.type = type
        self.statusPurpose = statusPurpose
        self.statusListIndex = statusListIndex
        self.statusListCredential = statusListCredential
    }

    /// The purpose, index and list of a Bitstring entry; nil for any other kind of entry, or one
    /// that is incomplete.
    public var bitstring: (purpose: StatusPurpose, index: Int, list: String)? {
        guard type == Self.bitstringType, let purpose = statusPurpose.flatMap(StatusPurpose.init(rawValue:)),
            let index = statusListIndex.flatMap({ Int($0) }), index >= 0, let list = statusListCredential
        else { return nil }
        return (purpose, index, list)
    }
}

extension [CredentialStatusEntry] {
    /// Reads `credentialStatus` as VC 2.0 allows it: one entry or an array of them.
    static func decodeOneOrMany(from container: KeyedDecodingContainer<OpenBadgeCredential.CodingKeys>) throws -> [CredentialStatusEntry] {
        if let many = try? container.decode([CredentialStatusEntry].self, forKey: .credentialStatus) { return many }
        return [try container.decode(CredentialStatusEntry.self, forKey: .credentialStatus)]
    }
}
