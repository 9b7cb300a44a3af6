import Foundation
import Testing
import WaymarkCredentials

/// A JSON credential with its proof inside it is named for what it is, not taken for a JWT.
@Suite struct EmbeddedProofTests {
    @Test func theProofTypeAndCryptosuiteAreNamed() throws {
        let one = #"{"type":["VerifiableCredential"],"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","proofValue":"z58"}}"#
        #expect(EmbeddedProof.proofs(in: Data(one.utf8)) == [EmbeddedProof(type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022")])
        let set = #"{"proof":[{"type":"DataIntegrityProof","cryptosuite":"ecdsa-sd-2023"},{"type":"Ed25519Signature2020"}]}"#
        let proofs = try #require(EmbeddedProof.proofs(in: Data(set.utf8)))
        #expect(proofs.map(\.description) == ["DataIntegrityProof with the cryptosuite ecdsa-sd-2023", "Ed25519Signature2020"])
        let failure = VerificationFailure.embeddedProof(proofs)
        #expect(failure.check == "format")
        #expect(failure.description.contains("Waymark checks only VC-JWT (jwt_vc_json) signatures"))
        #expect(failure.description.contains("ecdsa-sd-2023"))
    }

    @Test func aJWTOrAnythingElseIsNotTakenForAJSONCredential() {
        #expect(EmbeddedProof.proofs(in: Data("eyJhbGciOiJFZERTQSJ9.e30.sig".utf8)) == nil)
        #expect(EmbeddedProof.proofs(in: Data("[1, 2]".utf8)) == nil)
        #expect(EmbeddedProof.proofs(in: Data(#"{"type":["VerifiableCredential"]}"#.utf8)) == [])
        #expect(VerificationFailure.embeddedProof([]).description.hasPrefix("This is a JSON credential with no proof"))
    }
}
