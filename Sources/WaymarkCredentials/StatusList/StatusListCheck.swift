import Foundation
import WaymarkCertificates

/// Checks a verified credential's status the way any W3C verifier does: for each
/// `BitstringStatusListEntry`, the list it names is fetched, its signature checked against the
/// issuer's keys, its issuer, purpose and dates checked, and the credential's bit read.
public enum StatusListCheck {
    /// Reads and checks a signed status list: signed by one of `keys`, from `issuer`, for
    /// `purpose`, at `url`, current at `now`. Its bits, or why it cannot be relied on.
    public static func list(
        _ jwt: String,
        keys: JSONWebKeySet,
        url: String,
        issuer: String,
        purpose: StatusPurpose,
        now: Date
    ) -> Result<StatusBitstring, VerificationFailure> {
        let payload: Data
        switch VCJWT.signedPayload(jwt, keys: keys) {
        case .failure(let failure): return .failure(.statusUnavailable("the status list \(url) cannot be trusted: \(failure.description)"))
        case .success(let signed):
            if signed.kid.contains("#"), !signed.kid.hasPrefix(issuer + "#") {
                return .failure(.statusUnavailable("the status list \(url) is signed with a key of someone else's DID"))
            }
            payload = signed.payload
        }
        guard let list = try? JSONDecoder().decode(BitstringStatusListCredential.self, from: payload),
            list.type.contains("BitstringStatusListCredential")
        else {
            return .failure(.statusUnavailable("\(url) is not a BitstringStatusListCredential"))
        }
        guard list.id == url else { return .failure(.statusUnavailable("the status list at \(url) says it is \(list.id)")) }
        guard list.issuer == issuer else { return .failure(.statusUnavailable("the status list \(url) is issued by \(list.issuer), not \(issuer)")) }
        guard list.credentialSubject.statusPurpose == purpose.rawValue else {
            return .failure(.statusUnavailable("the status list \(url) is for \(list.credentialSubject.statusPurpose), not \(purpose.rawValue)"))
        }
        if let from = OpenBadgeCredential.date(list.validFrom), now < from {
            return .failure(.statusUnavailable("the status list \(url) is not valid until \(list.validFrom)"))
        }
        if let until = list.validUntil.flatMap(OpenBadgeCredential.date), now >= until {
            return .failure(.statusUnavailable("the status list \(url) stopped being valid on \(list.validUntil ?? ""); the issuer has not published a newer one"))
        }
        do {
            return .success(try StatusBitstring.decode(list.credentialSubject.encodedList))
        } catch {
            return .failure(.statusUnavailable("the status list \(url) cannot be read: \(error)"))
        }
    }

    /// The failure a set bit means for `purpose`.
    public static func failure(for purpose: StatusPurpose) -> VerificationFailure {
        switch purpose {
        case .suspension: .status("The issuer has suspended this certificate. It is not valid while suspended.")
        case .revocation: .status("The issuer has revoked this certificate. It is no longer valid.")
        }
    }

    /// Whether the credential's bit in `bits` is clear, or the failure for a set bit (or an index
    /// outside the list).
    public static func bit(_ index: Int, of bits: StatusBitstring, purpose: StatusPurpose) -> VerificationFailure? {
        switch bits.isSet(index) {
        case .none: .statusUnavailable("index \(index) is outside the \(purpose.rawValue) list")
        case .some(true): failure(for: purpose)
        case .some(false): nil
        }
    }
}
