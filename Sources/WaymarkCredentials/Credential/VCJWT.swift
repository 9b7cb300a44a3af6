import Crypto
import Foundation

/// Credentials signed as VC-JWT (Open Badges 3.0 §8.2): a compact JWS with header
/// `{"alg":"EdDSA","kid":<thumbprint>,"typ":"JWT"}` whose payload is the credential itself with
/// the claims `iss` (issuer.id), `jti` (id), `nbf` (validFrom), `sub` (credentialSubject.id)
/// and `exp` (validUntil, when it has one). Any JOSE library can check it with the published keys.
public enum VCJWT {
    /// The JOSE header.
    struct Header: Codable {
        var alg: String
        var kid: String?
        var typ: String?
    }

    /// The registered claims OB 3.0 asks for.
    struct Claims: Codable {
        var iss: String
        var jti: String
        var nbf: Int
        var sub: String
        var exp: Int?
    }

    /// The payload: the credential's members with the claims beside them.
    struct Payload<Credential: Codable>: Codable {
        var credential: Credential
        var claims: Claims

        init(credential: Credential, claims: Claims) {
            self.credential = credential
            self.claims = claims
        }

        init(from decoder: any Decoder) throws {
            credential = try Credential(from: decoder)
            claims = try Claims(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            try credential.encode(to: encoder)
            try claims.encode(to: encoder)
        }
    }

    /// Signs a credential: the compact JWS that `/credentials/<code>.jwt` serves. Ed25519 is
    /// deterministic, so the same credential and key always give the same token.
    /// `keyID` is what the header names the key by (`CredentialIssuer.keyID`; the thumbprint when nil).
    public static func sign(_ credential: OpenBadgeCredential, with key: SigningKey, keyID: String? = nil) throws -> String {
        guard let nbf = credential.validFromDate else { throw VerificationFailure.malformed("validFrom is not a date") }
        let claims = Claims(
            iss: credential.issuer.id,
            jti: credential.id,
            nbf: Int(nbf.timeIntervalSince1970),
            sub: credential.credentialSubject.id,
            exp: credential.validUntilDate.map { Int($0.timeIntervalSince1970) }
        )
        return try sign(credential, claims: claims, with: key, keyID: keyID)
    }

    /// Signs a status list the same way, with the same claims (`sub` is the list's subject).
    public static func sign(_ list: BitstringStatusListCredential, with key: SigningKey, keyID: String? = nil) throws -> String {
        guard let nbf = OpenBadgeCredential.date(list.validFrom) else { throw VerificationFailure.malformed("validFrom is not a date") }
        let claims = Claims(
            iss: list.issuer,
            jti: list.id,
            nbf: Int(nbf.timeIntervalSince1970),
            sub: list.credentialSubject.id,
            exp: list.validUntil.flatMap(OpenBadgeCredential.date).map { Int($0.timeIntervalSince1970) }
        )
        return try sign(list, claims: claims, with: key, keyID: keyID)
    }

    private static func sign<Credential: Codable>(_ credential: Credential, claims: Claims, with key: SigningKey, keyID: String?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = Base64URL.encode(try encoder.encode(Header(alg: "EdDSA", kid: keyID ?? key.kid, typ: "JWT")))
        let payload = Base64URL.encode(try encoder.encode(Payload(credential: credential, claims: claims)))
        let signingInput = "\(header).\(payload)"
        let signature = try key.signature(for: Data(signingInput.utf8))
        return "\(signingInput).\(Base64URL.encode(signature))"
    }

    /// Checks a compact JWS's form, key and signature; the payload's bytes and the key's id, or
    /// the first check that failed.
    static func signedPayload(_ jwt: String, keys: JSONWebKeySet) -> Result<(payload: Data, kid: String), VerificationFailure> {
        let token = jwt.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failure(.malformed("a signed credential has three parts separated by dots; this has \(parts.count)")) }
        guard let headerBytes = Base64URL.decode(parts[0]), let header = try? JSONDecoder().decode(Header.self, from: headerBytes) else {
            return .failure(.malformed("the header is not base64url JSON"))
        }
        guard header.alg == "EdDSA" || header.alg == "Ed25519" else { return .failure(.unsupportedAlgorithm(header.alg)) }
        guard let kid = header.kid else { return .failure(.unknownKey("(none given)")) }
        // A DID URL (did:web:…#<thumbprint>) names the key by its fragment; who the DID is, is
        // checked against the issuer by the caller.
        let thumbprint = kid.split(separator: "#", maxSplits: 1).last.map(String.init) ?? kid
        guard let jwk = keys.key(id: thumbprint), let publicKey = jwk.publicKey else { return .failure(.unknownKey(kid)) }
        guard let signature = Base64URL.decode(parts[2]),
            publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8))
        else {
            return .failure(.signature)
        }
        guard let payloadBytes = Base64URL.decode(parts[1]) else { return .failure(.malformed("the payload is not base64url")) }
        return .success((payloadBytes, kid))
    }

    /// Checks a signed credential against published keys at `now`: its form, its key, its
    /// signature, that the claims agree with the credential, and its dates. Says which check
    /// failed first. Status (suspended, revoked...) is a separate check: see `StatusListCheck`.
    public static func verify(_ jwt: String, keys: JSONWebKeySet, now: Date) -> VerificationResult {
        let signed: (payload: Data, kid: String)
        switch signedPayload(jwt, keys: keys) {
        case .failure(let failure): return .failed(failure)
        case .success(let found): signed = found
        }
        let kid = signed.kid
        let payloadBytes = signed.payload
        let payload: Payload<OpenBadgeCredential>
        do {
            payload = try JSONDecoder().decode(Payload<OpenBadgeCredential>.self, from: payloadBytes)
        } catch {
            return .failed(.malformed("the payload is not an Open Badges credential with iss, jti, nbf and sub claims"))
        }
        let credential = payload.credential
        let claims = payload.claims
        guard credential.context.first == OpenBadgeCredential.contexts[0],
            credential.context.contains(where: { $0.hasPrefix("https://purl.imsglobal.org/spec/ob/v3p0/context") }),
            credential.type.contains("VerifiableCredential"),
            credential.type.contains("OpenBadgeCredential") || credential.type.contains("AchievementCredential")
        else {
            return .failed(.malformed("it is not an Open Badges 3.0 credential (contexts or types are missing)"))
        }
        guard let validFrom = credential.validFromDate else { return .failed(.malformed("validFrom is not a date")) }
        if claims.iss != credential.issuer.id { return .failed(.claims("iss is not the issuer's id")) }
        if kid.contains("#"), !kid.hasPrefix(credential.issuer.id + "#") { return .failed(.claims("the key named is not the issuer's")) }
        if claims.jti != credential.id { return .failed(.claims("jti is not the credential's id")) }
        if claims.sub != credential.credentialSubject.id { return .failed(.claims("sub is not the credential subject's id")) }
        if claims.nbf != Int(validFrom.timeIntervalSince1970) { return .failed(.claims("nbf is not validFrom")) }
        if claims.exp != credential.validUntilDate.map({ Int($0.timeIntervalSince1970) }) {
            return .failed(.claims("exp is not validUntil"))
        }
        if now < validFrom { return .failed(.notYetValid(validFrom)) }
        if let validUntil = credential.validUntilDate, now >= validUntil { return .failed(.expired(validUntil)) }
        return .valid(credential, kid: kid)
    }

    /// The `kid` in a token's header, unchecked: which key signed it, to tell whether it was the
    /// key signing now.
    public static func keyID(of jwt: String) -> String? {
        guard let header = jwt.split(separator: ".", maxSplits: 1).first, let bytes = Base64URL.decode(header) else { return nil }
        return (try? JSONDecoder().decode(Header.self, from: bytes))?.kid
    }

    /// The credential inside a token without checking anything, to find its issuer and status
    /// URL before the keys are fetched; nil when it cannot be read.
    public static func unverifiedCredential(_ jwt: String) -> OpenBadgeCredential? {
        let parts = jwt.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let bytes = Base64URL.decode(parts[1]) else { return nil }
        return try? JSONDecoder().decode(OpenBadgeCredential.self, from: bytes)
    }
}

/// What checking a signed credential found.
public enum VerificationResult: Sendable, Hashable {
    /// Every check passed; the credential and the key that signed it.
    case valid(OpenBadgeCredential, kid: String)
    /// The first check that failed.
    case failed(VerificationFailure)
}

/// Which check failed, in words a verifier can act on.
public enum VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a signed Open Badges credential at all.
    case malformed(String)
    /// Signed with an algorithm other than EdDSA.
    case unsupportedAlgorithm(String)
    /// A JSON credential carrying its proof inside it (Data Integrity or Linked Data), which
    /// Waymark does not check; empty when it carries no proof at all.
    case embeddedProof([EmbeddedProof])
    /// Signed with a key the issuer does not publish (never published, or retired).
    case unknownKey(String)
    /// The signature does not match: the credential was changed after signing, or not signed by this key.
    case signature
    /// The JWT claims do not agree with the credential.
    case claims(String)
    /// Not valid before this date.
    case notYetValid(Date)
    /// Stopped being valid on this date.
    case expired(Date)
    /// The issuer says the certificate is no longer current (suspended, revoked, superseded).
    case status(String)
    /// The status could not be fetched or read.
    case statusUnavailable(String)

    /// The check that failed: format, key, signature, claims, dates or status.
    public var check: String {
        switch self {
        case .malformed, .unsupportedAlgorithm, .embeddedProof: "format"
        case .unknownKey: "key"
        case .signature: "signature"
        case .claims: "claims"
        case .notYetValid, .expired: "dates"
        case .status, .statusUnavailable: "status"
        }
    }

    /// What failed, in a sentence for a person.
    public var description: String {
        switch self {
        case .malformed(let why): "This is not a signed credential Waymark can read: \(why)."
        case .unsupportedAlgorithm(let alg): "The credential is signed with \(alg); Waymark credentials are signed with EdDSA (Ed25519)."
        case .embeddedProof(let proofs) where proofs.isEmpty:
            "This is a JSON credential with no proof and no JWT signature, so nothing shows who issued it or that it is unchanged."
        case .embeddedProof(let proofs):
            "This credential carries an embedded proof (\(proofs.map(\.description).joined(separator: "; "))). "
                + "Waymark checks only VC-JWT (jwt_vc_json) signatures, so it cannot say whether this one is genuine: "
                + "check it with a verifier that supports that proof."
        case .unknownKey(let kid):
            "The credential was signed with key \(kid), which the issuer does not publish (it may have been retired). It cannot be trusted."
        case .signature: "The signature does not match: the credential was changed after it was signed, or was not signed by this issuer."
        case .claims(let why): "The credential's claims do not agree with it: \(why)."
        case .notYetValid(let date): "The credential is not valid until \(date.formatted(.iso8601))."
        case .expired(let date): "The credential expired on \(date.formatted(.iso8601))."
        case .status(let why): why
        case .statusUnavailable(let why): "The status could not be checked: \(why)."
        }
    }
}
