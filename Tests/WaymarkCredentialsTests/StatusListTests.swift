import Foundation
import Testing
import WaymarkCertificates
import WaymarkStore

@testable import WaymarkCredentials

/// The W3C Bitstring Status Lists: the bits, their GZIP and base64url form, the signed list
/// credential, and the check any verifier makes of a credential's bit.
@Suite struct StatusListTests {
    @Test func indexZeroIsTheLeftMostBitOfTheFirstByte() throws {
        let bits = try StatusBitstring(setting: [0, 9, 131_071])
        #expect(bits.count == 131_072)
        #expect(bits.bytes.count == 16_384)
        #expect(bits.bytes[0] == 0b1000_0000)
        #expect(bits.bytes[1] == 0b0100_0000)
        #expect(bits.bytes[16_383] == 0b0000_0001)
        #expect(bits.setIndexes == [0, 9, 131_071])
        #expect(bits.isSet(9) == true && bits.isSet(8) == false && bits.isSet(131_072) == nil && bits.isSet(-1) == nil)
        #expect(throws: StatusListFailure.index(131_072, count: 131_072)) { try StatusBitstring(setting: [131_072]) }
    }

    @Test func aListHoldsTheLeastTheRecommendationAllows() throws {
        #expect(StatusListSlot.capacity == 131_072)
        #expect(try StatusBitstring(setting: []).count == 16 * 1024 * 8)
    }

    @Test func gzipComesBackByteForByteAndIsRealGZIP() throws {
        let samples = [Data(), Data("status".utf8), Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) })]
        for sample in samples {
            let compressed = try GZIP.compress(sample)
            #expect(compressed.prefix(3) == Data([0x1F, 0x8B, 0x08]), "the GZIP magic number and deflate")
            #expect(try GZIP.decompress(compressed, limit: 1_000_000) == sample)
        }
        // A sparse list is small, as the Recommendation expects.
        #expect(try GZIP.compress(Data(try StatusBitstring(setting: [5, 70_000]).bytes)).count < 200)
        #expect(throws: GZIP.Failure.notGZIP) { try GZIP.decompress(Data("not gzip".utf8), limit: 100) }
        let whole = try GZIP.compress(Data(count: 10_000))
        #expect(throws: GZIP.Failure.notGZIP) { try GZIP.decompress(whole.prefix(whole.count - 5), limit: 100_000) }
        #expect(throws: GZIP.Failure.tooLarge(limit: 1_000)) { try GZIP.decompress(whole, limit: 1_000) }
    }

    @Test func theEncodedListIsMultibaseBase64URLOfTheGZIPAndReadsBack() throws {
        let bits = try StatusBitstring(setting: [3, 40_711])
        let encoded = try bits.encodedList()
        #expect(encoded.hasPrefix("uH4sI"), "u, then base64url of the GZIP header 1F 8B 08")
        #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
        #expect(try StatusBitstring.decode(encoded) == bits)
        #expect(throws: StatusListFailure.encoding) { try StatusBitstring.decode(String(encoded.dropFirst())) }
    }

    @Test func aCredentialHasAnEntryForRevocationAndOneForSuspension() throws {
        let credential = OpenBadgeCredential(certificate: certificate(), issuer: issuer)
        #expect(credential.credentialStatus.compactMap(\.bitstring?.purpose) == [.revocation, .suspension])
        for entry in credential.credentialStatus {
            #expect(entry.statusListIndex == "40711")
            #expect(entry.id != entry.statusListCredential, "an entry's id is never the list's URL")
        }
        // As JSON the index is a string, as the Recommendation writes it.
        let json = try object(credential.json())
        let entries = try #require(json["credentialStatus"] as? [[String: Any]])
        #expect(entries.first?["statusListIndex"] is String)
        // Read back, one entry or many.
        #expect(try JSONDecoder().decode(OpenBadgeCredential.self, from: credential.json()) == credential)
        var single = json
        single["credentialStatus"] = ["id": "https://mentors.example.org/credentials/WM-OLD/status", "type": "1EdTechRevocationList"]
        let older = try JSONDecoder().decode(OpenBadgeCredential.self, from: JSONSerialization.data(withJSONObject: single))
        #expect(older.credentialStatus.map(\.type) == ["1EdTechRevocationList"])
    }

    @Test func aSignedListIsCheckedLikeAnyVerifierChecksIt() throws {
        let key = SigningKey.generate(at: start)
        let keys = JSONWebKeySet(keys: [key.publicJWK])
        let url = issuer.statusListURL(list: 1, purpose: .suspension)
        let list = try BitstringStatusListCredential(list: 1, purpose: .suspension, bits: try StatusBitstring(setting: [40_711]), issuer: issuer, now: start)
        #expect(list.id == "https://mentors.example.org/status-lists/1/suspension")
        #expect(list.type == ["VerifiableCredential", "BitstringStatusListCredential"])
        #expect(list.credentialSubject.type == "BitstringStatusList" && list.credentialSubject.id == url + "#list")
        let jwt = try VCJWT.sign(list, with: key)
        let payload = try object(#require(Base64URL.decode(jwt.split(separator: ".")[1])))
        #expect(payload["iss"] as? String == issuer.id && payload["jti"] as? String == url)

        let read = StatusListCheck.list(jwt, keys: keys, url: url, issuer: issuer.id, purpose: .suspension, now: start + 60)
        let bits = try read.get()
        #expect(StatusListCheck.bit(40_711, of: bits, purpose: .suspension) == StatusListCheck.failure(for: .suspension))
        #expect(StatusListCheck.bit(40_712, of: bits, purpose: .suspension) == nil)
        // Another purpose, another issuer, another key, a week later: not to be relied on.
        for failed in [
            StatusListCheck.list(jwt, keys: keys, url: url, issuer: issuer.id, purpose: .revocation, now: start + 60),
            StatusListCheck.list(jwt, keys: keys, url: url, issuer: "https://elsewhere.example", purpose: .suspension, now: start + 60),
            StatusListCheck.list(jwt, keys: JSONWebKeySet(keys: [SigningKey.generate(at: start).publicJWK]), url: url, issuer: issuer.id, purpose: .suspension, now: start),
            StatusListCheck.list(jwt, keys: keys, url: url, issuer: issuer.id, purpose: .suspension, now: start + 7 * day),
        ] {
            #expect(throws: VerificationFailure.self) { try failed.get() }
        }
    }

    @Test func freeBitsAreChosenAtRandomAndAFullListStartsTheNext() {
        let used: Set<Int> = [1, 2, 3]
        let chosen = Set((0..<50).compactMap { _ in StatusListSlot.freeIndex(besides: used) })
        #expect(chosen.count > 40, "fifty choices among 131,069 free bits are nearly all different")
        #expect(chosen.isDisjoint(with: used))
        #expect(StatusListSlot.freeIndex(besides: Set(0..<8).subtracting([5]), capacity: 8) == 5)
        #expect(StatusListSlot.freeIndex(besides: Set(0..<8), capacity: 8) == nil)
        #expect(StatusListSlot.next(currentList: nil, usedInCurrent: []).list == 1)
        #expect(StatusListSlot.next(currentList: 2, usedInCurrent: Set(0..<StatusListSlot.capacity)).list == 3)
    }
}
