import Foundation
import WaymarkCertificates

/// What a credential's status URL (`/credentials/<code>/status`) serves: the certificate's status
/// now, for machines.
///
/// It is an Open Badges `1EdTechRevocationList`: a suspended or revoked credential is listed in
/// `revokedCredentials`, so a generic verifier refuses it. Waymark's own fields say which status
/// it is and, after a renewal, where the newer certificate is. Never the reason for a
/// suspension or revocation, and nothing about the holder.
///
/// ```json
/// {
///   "id": "https://mentors.example.org/credentials/WM-…/status",
///   "type": "1EdTechRevocationList",
///   "credential": "https://mentors.example.org/verify/WM-…",
///   "code": "WM-…",
///   "status": "suspended",
///   "label": "Suspended",
///   "checkedAt": "2026-11-26T17:00:00Z",
///   "validUntil": "2028-11-26T17:00:00Z",
///   "supersededBy": null,
///   "revokedCredentials": [{ "id": "https://mentors.example.org/verify/WM-…", "revoked": true }]
/// }
/// ```
public struct CredentialStatusDocument: Sendable, Hashable, Codable {
    /// This document's URL.
    public var id: String
    /// `1EdTechRevocationList`.
    public var type: String
    /// The credential it is about (its `id`).
    public var credential: String
    /// The certificate code.
    public var code: String
    /// valid, expired, suspended, revoked or superseded.
    public var status: CertificateStatus
    /// The status in plain words.
    public var label: String
    /// When the status was worked out.
    public var checkedAt: String
    /// When the certificate stops being valid, if it does.
    public var validUntil: String?
    /// After renewal: the verify URL of the certificate that replaced this one.
    public var supersededBy: String?
    /// The credential, when it is suspended or revoked; empty otherwise.
    public var revokedCredentials: [RevokedCredential]

    /// An entry of the revocation list.
    public struct RevokedCredential: Sendable, Hashable, Codable {
        /// The credential's id.
        public var id: String
        /// true.
        public var revoked: Bool
    }

    /// The status of a certificate at `now`.
    public init(certificate: CertificateRecord, issuer: CredentialIssuer, now: Date) {
        let status = certificate.status(at: now)
        id = issuer.statusURL(certificate.code)
        type = "1EdTechRevocationList"
        credential = issuer.verifyURL(certificate.code)
        code = certificate.code
        self.status = status
        label = status.label
        checkedAt = OpenBadgeCredential.timestamp(now)
        validUntil = certificate.validUntil.map(OpenBadgeCredential.timestamp)
        supersededBy = certificate.supersededBy.map(issuer.verifyURL)
        revokedCredentials = [.revoked, .suspended, .withdrawn].contains(status) ? [RevokedCredential(id: credential, revoked: true)] : []
    }

    /// The document as JSON, keys sorted.
    public func json() -> Data {
        (try? OpenBadgeCredential.encoder.encode(self)) ?? Data()
    }

    /// Reads a status document, or nil when it is not one.
    public static func parse(_ data: Data) -> CredentialStatusDocument? {
        try? JSONDecoder().decode(CredentialStatusDocument.self, from: data)
    }

    /// Why this status means the credential is not to be trusted now, or nil when it is valid.
    /// Expiry is left to the dates check of the credential itself.
    public func failure(for credential: OpenBadgeCredential) -> VerificationFailure? {
        guard self.credential == credential.id else {
            return .statusUnavailable("the status document is about \(self.credential), not this credential")
        }
        if status == .withdrawn { return .status("This certificate is no longer valid.") }
        if revokedCredentials.contains(where: { $0.id == credential.id && $0.revoked }) || status == .revoked || status == .suspended {
            return status == .suspended
                ? .status("The issuer has suspended this certificate. It is not valid while suspended.")
                : .status("The issuer has revoked this certificate. It is no longer valid.")
        }
        if status == .superseded {
            return .status(
                "This certificate was renewed and replaced by a newer one\(supersededBy.map { ": \($0)" } ?? "."); check that one instead."
            )
        }
        return nil
    }
}
