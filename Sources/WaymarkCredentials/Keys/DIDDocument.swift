import Foundation

/// The DID document of a did:web issuer (`/.well-known/did.json`): the published keys as
/// `JsonWebKey2020` verification methods, the key signing now first, each also an assertion
/// method (what signs credentials). A method's id is the key's DID URL, `<did>#<thumbprint>`,
/// which is what a credential's header names as its `kid`.
public struct DIDDocument: Sendable, Hashable, Codable {
    public var context: [String]
    public var id: String
    public var verificationMethod: [Method]
    public var assertionMethod: [String]

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, verificationMethod, assertionMethod
    }

    /// One key.
    public struct Method: Sendable, Hashable, Codable {
        public var id: String
        public var type: String
        public var controller: String
        public var publicKeyJwk: JSONWebKey
    }

    /// The document of `did` listing `keys` (newest, the one signing, first).
    public init(did: String, keys: JSONWebKeySet) {
        context = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]
        id = did
        verificationMethod = keys.keys.compactMap { key in
            key.kid.map { Method(id: "\(did)#\($0)", type: "JsonWebKey2020", controller: did, publicKeyJwk: key) }
        }
        assertionMethod = verificationMethod.map(\.id)
    }

    /// The keys it lists, named by their thumbprints (the fragments of their ids).
    public var keySet: JSONWebKeySet {
        JSONWebKeySet(
            keys: verificationMethod.compactMap { method in
                var key = method.publicKeyJwk
                guard method.id.hasPrefix(id + "#") else { return nil }
                key.kid = String(method.id.dropFirst(id.count + 1))
                return key
            }
        )
    }

    /// The document as JSON, keys sorted.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Where a did:web's document is (did:web 1.0 §3.2, read): `https://<host>/.well-known/did.json`,
    /// or `https://<host>/<path>/did.json`; nil for any other DID.
    public static func url(of did: String) -> String? {
        guard did.hasPrefix("did:web:") else { return nil }
        let parts = did.dropFirst("did:web:".count).split(separator: ":", omittingEmptySubsequences: false).map {
            $0.removingPercentEncoding ?? String($0)
        }
        guard let host = parts.first, !host.isEmpty else { return nil }
        let path = parts.dropFirst()
        return path.isEmpty ? "https://\(host)/.well-known/did.json" : "https://\(host)/\(path.joined(separator: "/"))/did.json"
    }

    /// Reads a DID document, or nil when it is not one.
    public static func parse(_ data: Data) -> DIDDocument? {
        try? JSONDecoder().decode(DIDDocument.self, from: data)
    }
}
