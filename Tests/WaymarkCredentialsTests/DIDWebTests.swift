import Foundation
import Testing
import WaymarkStore

@testable import WaymarkCredentials

/// The issuer as a did:web (`--issuer-did`): its id, its DID document, and credentials whose
/// `kid` is the key's DID URL.
@Suite struct DIDWebTests {
    let didIssuer = CredentialIssuer(name: "Northside Mentoring", baseURL: "https://mentors.example.org/", asDID: true)

    @Test func theDIDIsMadeFromTheBaseURLAsDIDWebSays() {
        #expect(CredentialIssuer.didWeb(of: "https://mentors.example.org") == "did:web:mentors.example.org")
        #expect(CredentialIssuer.didWeb(of: "http://127.0.0.1:8080") == "did:web:127.0.0.1%3A8080")
        #expect(CredentialIssuer.didWeb(of: "https://Example.org/north/mentors") == "did:web:example.org:north:mentors")
        #expect(CredentialIssuer.didWeb(of: "ftp://example.org") == nil)
        #expect(didIssuer.id == "did:web:mentors.example.org")
        #expect(issuer.did == nil && issuer.id == "https://mentors.example.org", "without --issuer-did the id is the address")
        // The document is where a resolver looks for it.
        #expect(DIDDocument.url(of: "did:web:mentors.example.org") == "https://mentors.example.org/.well-known/did.json")
        #expect(DIDDocument.url(of: "did:web:127.0.0.1%3A8080") == "https://127.0.0.1:8080/.well-known/did.json")
        #expect(DIDDocument.url(of: "did:web:example.org:north:mentors") == "https://example.org/north/mentors/did.json")
        #expect(didIssuer.didDocumentURL == "https://mentors.example.org/.well-known/did.json")
        #expect(DIDDocument.url(of: "did:key:z6Mk") == nil)
    }

    @Test func theDocumentListsEveryPublishedKeyTheSigningOneFirst() throws {
        let new = SigningKey.generate(at: start + day)
        let old = SigningKey.generate(at: start)
        let document = DIDDocument(did: didIssuer.id, keys: JSONWebKeySet(keys: [new.publicJWK, old.publicJWK]))
        #expect(document.verificationMethod.map(\.id) == ["did:web:mentors.example.org#\(new.kid)", "did:web:mentors.example.org#\(old.kid)"])
        #expect(document.assertionMethod == document.verificationMethod.map(\.id))
        #expect(document.verificationMethod.allSatisfy { $0.type == "JsonWebKey2020" && $0.controller == didIssuer.id })
        let json = try object(document.json())
        #expect(json["@context"] as? [String] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"])
        #expect(!String(decoding: document.json(), as: UTF8.self).contains("\"d\""), "no private key")
        #expect(DIDDocument.parse(document.json())?.keySet == JSONWebKeySet(keys: [new.publicJWK, old.publicJWK]))
    }

    @Test func aCredentialNamesItsKeyByItsDIDURLAndVerifiesOnlyForThatDID() throws {
        let key = SigningKey.generate(at: start)
        let keys = JSONWebKeySet(keys: [key.publicJWK])
        let credential = OpenBadgeCredential(certificate: certificate(), issuer: didIssuer)
        #expect(credential.issuer.id == "did:web:mentors.example.org" && credential.issuer.url == "https://mentors.example.org")
        let jwt = try VCJWT.sign(credential, with: key, keyID: didIssuer.keyID(key.kid))
        #expect(VCJWT.keyID(of: jwt) == "did:web:mentors.example.org#\(key.kid)")
        #expect(VCJWT.verify(jwt, keys: keys, now: start + day) == .valid(credential, kid: "did:web:mentors.example.org#\(key.kid)"))
        // The same key named as another DID's is refused.
        let elsewhere = try VCJWT.sign(credential, with: key, keyID: "did:web:elsewhere.example#\(key.kid)")
        #expect(VCJWT.verify(elsewhere, keys: keys, now: start + day).failure?.check == "claims")
        // A list signed by the DID's key is read; one naming another DID's key is not relied on.
        let list = try BitstringStatusListCredential(list: 1, purpose: .revocation, bits: try StatusBitstring(setting: []), issuer: didIssuer, now: start)
        #expect(list.issuer == didIssuer.id)
        let url = didIssuer.statusListURL(list: 1, purpose: .revocation)
        let signed = try VCJWT.sign(list, with: key, keyID: didIssuer.keyID(key.kid))
        #expect((try? StatusListCheck.list(signed, keys: keys, url: url, issuer: didIssuer.id, purpose: .revocation, now: start).get()) != nil)
        let stranger = try VCJWT.sign(list, with: key, keyID: "did:web:elsewhere.example#\(key.kid)")
        #expect(throws: VerificationFailure.self) {
            try StatusListCheck.list(stranger, keys: keys, url: url, issuer: didIssuer.id, purpose: .revocation, now: start).get()
        }
    }
}
