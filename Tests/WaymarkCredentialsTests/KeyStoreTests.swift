import Foundation
import Testing

@testable import WaymarkCredentials

@Suite struct KeyStoreTests {
    @Test func theSigningKeyIsMadeOnFirstUseReadableOnlyByItsOwner() throws {
        let folder = TemporaryFolder()
        let keys = KeyStore(dataDirectory: folder.url)
        let key = try keys.signingKey(at: start)

        let fileMode = try FileManager.default.attributesOfItem(atPath: keys.privateFile.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: keys.folder.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        // The same key on every later use.
        #expect(try keys.signingKey().kid == key.kid)
        #expect(try keys.publishedKeys().map(\.kid) == [key.kid])
    }

    /// The key signing now comes first, even when a rotation happens within the second the old
    /// key was made (keys' dates are kept to the second): verifiers take the first key of a DID
    /// document for the issuer's, and a list signed with the new key must verify with it.
    @Test func theSigningKeyIsListedFirstEvenWhenMadeInTheSameSecond() throws {
        for _ in 0..<8 {
            let folder = TemporaryFolder()
            let keys = KeyStore(dataDirectory: folder.url)
            _ = try keys.signingKey(at: start)
            let new = try keys.rotate(at: start)
            let listed = try keys.publishedKeys()
            #expect(listed.count == 2)
            #expect(listed.first?.kid == new.kid && listed.first?.isSigning == true)
            #expect(try keys.jwks().keys.first == listed.first?.jwk)
        }
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let folder = TemporaryFolder()
        let keys = KeyStore(dataDirectory: folder.url)
        _ = try keys.signingKey()
        chmod(keys.privateFile.path, 0o644)
        #expect(throws: KeyStoreError.self) { try keys.signingKey() }
    }

    @Test func theKidIsTheRFC7638Thumbprint() throws {
        // RFC 8037 appendix A.3: the thumbprint of its example Ed25519 key.
        #expect(JSONWebKey.thumbprint(x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo") == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
    }

    @Test func privateKeyMaterialIsNeverPublishedOrPrinted() throws {
        let folder = TemporaryFolder()
        let keys = KeyStore(dataDirectory: folder.url)
        let key = try keys.signingKey()
        let secret = Base64URL.encode(key.seed)
        let jwks = String(decoding: try keys.jwks().json(), as: UTF8.self)
        #expect(!jwks.contains(secret))
        #expect(!jwks.contains("\"d\""))
        #expect("\(key)" == "SigningKey(\(key.kid))")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains(secret))
        let publicFile = try String(contentsOf: keys.publicFile, encoding: .utf8)
        #expect(!publicFile.contains(secret))
    }

    @Test func rotationKeepsCredentialsSignedBeforeVerifiable() throws {
        let folder = TemporaryFolder()
        let keys = KeyStore(dataDirectory: folder.url)
        let credential = OpenBadgeCredential(certificate: certificate(), issuer: issuer)
        let old = try keys.signingKey(at: start)
        let before = try VCJWT.sign(credential, with: old)

        let new = try keys.rotate(at: start + day)
        #expect(new.kid != old.kid)
        #expect(try keys.signingKey().kid == new.kid)
        #expect(try keys.publishedKeys().map(\.kid) == [new.kid, old.kid])
        #expect(try keys.publishedKeys().map(\.isSigning) == [true, false])

        let jwks = try keys.jwks()
        guard case .valid(_, let kid) = VCJWT.verify(before, keys: jwks, now: start + 2 * day) else {
            Issue.record("a credential signed before the rotation no longer verifies")
            return
        }
        #expect(kid == old.kid)
        let after = try VCJWT.sign(credential, with: try keys.signingKey())
        #expect(VCJWT.verify(after, keys: jwks, now: start + 2 * day) == .valid(credential, kid: new.kid))
    }

    @Test func aRetiredKeyNoLongerVerifies() throws {
        let folder = TemporaryFolder()
        let keys = KeyStore(dataDirectory: folder.url)
        let credential = OpenBadgeCredential(certificate: certificate(), issuer: issuer)
        let old = try keys.signingKey(at: start)
        let signed = try VCJWT.sign(credential, with: old)
        try keys.rotate(at: start + day)

        #expect(throws: KeyStoreError.self) { try keys.retire(kid: try keys.signingKey().kid) }
        #expect(throws: KeyStoreError.self) { try keys.retire(kid: "no-such-key") }
        try keys.retire(kid: old.kid)
        #expect(try keys.jwks().key(id: old.kid) == nil)
        #expect(VCJWT.verify(signed, keys: try keys.jwks(), now: start + 2 * day) == .failed(.unknownKey(old.kid)))
    }
}
