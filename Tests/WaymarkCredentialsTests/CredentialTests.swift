import Foundation
import Testing
import WaymarkStore

@testable import WaymarkCredentials

@Suite struct CredentialTests {
    @Test func namesTheVerifyPageKeysStatusAndDatesFromTheCertificate() throws {
        let record = certificate(code: "WM-7KQ2-9XHP-3D8M-TB4N-Q")
        let credential = OpenBadgeCredential(certificate: record, issuer: issuer)
        #expect(credential.id == "https://mentors.example.org/verify/WM-7KQ2-9XHP-3D8M-TB4N-Q")
        #expect(credential.issuer.id == "https://mentors.example.org")
        #expect(credential.issuer.name == "Northside Mentoring")
        #expect(
            credential.credentialStatus == [
                CredentialStatusEntry(
                    id: "https://mentors.example.org/status-lists/1/revocation#40711",
                    type: "BitstringStatusListEntry",
                    statusPurpose: "revocation",
                    statusListIndex: "40711",
                    statusListCredential: "https://mentors.example.org/status-lists/1/revocation"
                ),
                CredentialStatusEntry(
                    id: "https://mentors.example.org/status-lists/1/suspension#40711",
                    type: "BitstringStatusListEntry",
                    statusPurpose: "suspension",
                    statusListIndex: "40711",
                    statusListCredential: "https://mentors.example.org/status-lists/1/suspension"
                ),
            ]
        )
        #expect(credential.credentialSubject.name == "Jamal Reid")
        #expect(credential.credentialSubject.achievement.criteria.narrative == record.criteria)
        #expect(credential.validFromDate == start)
        #expect(credential.validUntilDate == start + 730 * day)
        #expect(OpenBadgeCredential(certificate: certificate(validUntil: nil), issuer: issuer).validUntil == nil)
    }

    @Test func signsAsAVCJWTWithTheClaimsOpenBadgesAsksFor() throws {
        let folder = TemporaryFolder()
        let key = try KeyStore(dataDirectory: folder.url).signingKey()
        let credential = OpenBadgeCredential(certificate: certificate(), issuer: issuer)
        let jwt = try VCJWT.sign(credential, with: key)
        let parts = jwt.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let header = try object(#require(Base64URL.decode(parts[0])))
        #expect(header as NSDictionary == ["alg": "EdDSA", "kid": key.kid, "typ": "JWT"] as NSDictionary)
        let payload = try object(#require(Base64URL.decode(parts[1])))
        #expect(payload["iss"] as? String == credential.issuer.id)
        #expect(payload["jti"] as? String == credential.id)
        #expect(payload["sub"] as? String == credential.credentialSubject.id)
        #expect(payload["nbf"] as? Int == Int(start.timeIntervalSince1970))
        #expect(payload["exp"] as? Int == Int((start + 730 * day).timeIntervalSince1970))
        // The payload is the credential itself (VC 2.0), not wrapped in a "vc" claim.
        #expect(payload["vc"] == nil)
        #expect(payload["@context"] as? [String] == OpenBadgeCredential.contexts)
        #expect(VCJWT.verify(jwt, keys: JSONWebKeySet(keys: [key.publicJWK]), now: start + day) == .valid(credential, kid: key.kid))
        // Ed25519 is deterministic: the same credential and key give the same token.
        #expect(try VCJWT.sign(credential, with: key) == jwt)
    }

    @Test func oneChangedCharacterAnywhereFails() throws {
        let key = SigningKey.generate(at: start)
        let keys = JSONWebKeySet(keys: [key.publicJWK])
        let jwt = try VCJWT.sign(OpenBadgeCredential(certificate: certificate(), issuer: issuer), with: key)
        let characters = Array(jwt)
        var failures: Set<String> = []
        for index in stride(from: 0, to: characters.count, by: 7) where characters[index] != "." {
            var changed = characters
            changed[index] = characters[index] == "A" ? "B" : "A"
            guard case .failed(let failure) = VCJWT.verify(String(changed), keys: keys, now: start + day) else {
                Issue.record("changing character \(index) still verifies")
                continue
            }
            failures.insert(failure.check)
        }
        #expect(failures.contains("signature"))
    }

    @Test func saysWhenItIsNotYetValidOrExpired() throws {
        let key = SigningKey.generate(at: start)
        let keys = JSONWebKeySet(keys: [key.publicJWK])
        let jwt = try VCJWT.sign(OpenBadgeCredential(certificate: certificate(), issuer: issuer), with: key)
        #expect(VCJWT.verify(jwt, keys: keys, now: start - 1) == .failed(.notYetValid(start)))
        #expect(VCJWT.verify(jwt, keys: keys, now: start + 730 * day) == .failed(.expired(start + 730 * day)))
        #expect(VCJWT.verify(jwt, keys: keys, now: start + 729 * day).isValid)
    }

    @Test func saysPlainlyWhatIsWrongWithSomethingElse() throws {
        let key = SigningKey.generate(at: start)
        let keys = JSONWebKeySet(keys: [key.publicJWK])
        #expect(VCJWT.verify("not a token", keys: keys, now: start).failure?.check == "format")
        let other = SigningKey.generate(at: start)
        let byOther = try VCJWT.sign(OpenBadgeCredential(certificate: certificate(), issuer: issuer), with: other)
        #expect(VCJWT.verify(byOther, keys: keys, now: start + day) == .failed(.unknownKey(other.kid)))
        // A token signed by another key but claiming ours fails on the signature.
        let parts = byOther.split(separator: ".").map(String.init)
        let forgedHeader = Base64URL.encode(Data(#"{"alg":"EdDSA","kid":"\#(key.kid)","typ":"JWT"}"#.utf8))
        #expect(VCJWT.verify("\(forgedHeader).\(parts[1]).\(parts[2])", keys: keys, now: start + day) == .failed(.signature))
        let none = Base64URL.encode(Data(#"{"alg":"none"}"#.utf8))
        #expect(VCJWT.verify("\(none).\(parts[1]).", keys: keys, now: start + day) == .failed(.unsupportedAlgorithm("none")))
    }

    @Test func theStatusDocumentListsSuspendedAndRevokedButNeverTheReason() throws {
        var record = certificate()
        record.state = .suspended
        record.stateReason = "A concern raised by a partner service"
        let credential = OpenBadgeCredential(certificate: record, issuer: issuer)
        let suspended = CredentialStatusDocument(certificate: record, issuer: issuer, now: start + day)
        #expect(suspended.status == .suspended)
        #expect(suspended.revokedCredentials.map(\.id) == [credential.id])
        #expect(suspended.failure(for: credential)?.check == "status")
        #expect(!String(decoding: suspended.json(), as: UTF8.self).contains("concern"))

        record.state = .active
        record.supersededBy = "WM-NEWER"
        let superseded = CredentialStatusDocument(certificate: record, issuer: issuer, now: start + day)
        #expect(superseded.supersededBy == "https://mentors.example.org/verify/WM-NEWER")
        #expect(superseded.revokedCredentials.isEmpty)
        #expect(superseded.failure(for: credential) != nil)

        record.supersededBy = nil
        let valid = try #require(
            CredentialStatusDocument.parse(CredentialStatusDocument(certificate: record, issuer: issuer, now: start + day).json())
        )
        #expect(valid.status == .valid)
        #expect(valid.failure(for: credential) == nil)
    }
}

extension VerificationResult {
    var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    var failure: VerificationFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}
