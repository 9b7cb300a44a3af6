import Foundation
import WaymarkCertificates

/// What the public may see of a certificate: the verify page and the printable certificate are
/// built from this, never from the record, so nothing else about the holder can reach them (no
/// id, no email, no reasons, no history).
public struct PublicCertificate: Sendable, Hashable {
    /// The code, as people read it.
    public var code: String
    /// The holder's name.
    public var holderName: String
    /// The certificate's title, what it means, and how it was earned.
    public var title: String
    public var description: String
    public var criteria: String
    /// The issuing organisation.
    public var issuerName: String
    /// When it was issued, and when it stops being valid (nil: never).
    public var issuedAt: Date
    public var validUntil: Date?
    /// Its status when it was looked up.
    public var status: CertificateStatus
    /// After renewal: the code of the certificate that replaced it.
    public var supersededBy: String?
    /// Links: the verify page (also the QR code's target), the printable certificate, the
    /// signed and unsigned credential, the status for machines, and the newer certificate's verify page.
    public var verifyURL: String
    public var certificateURL: String
    public var credentialJWTURL: String
    public var credentialJSONURL: String
    public var statusURL: String
    public var supersededByURL: String?

    /// The public view of a certificate at `now`.
    public init(_ certificate: CertificateRecord, issuer: CredentialIssuer, now: Date) {
        code = certificate.code
        holderName = certificate.holderName
        title = certificate.title
        description = certificate.description
        criteria = certificate.criteria
        issuerName = issuer.name
        issuedAt = certificate.issuedAt
        validUntil = certificate.validUntil
        status = certificate.status(at: now)
        supersededBy = certificate.supersededBy
        verifyURL = issuer.verifyURL(certificate.code)
        certificateURL = issuer.certificateURL(certificate.code)
        credentialJWTURL = issuer.credentialJWTURL(certificate.code)
        credentialJSONURL = issuer.credentialJSONURL(certificate.code)
        statusURL = issuer.statusURL(certificate.code)
        supersededByURL = certificate.supersededBy.map(issuer.verifyURL)
    }
}
