import Crypto
import Foundation

/// A public Ed25519 key as a JSON Web Key (RFC 8037): `{"kty":"OKP","crv":"Ed25519","x":...}`.
/// It never has a `d`: Waymark writes private keys only to the key file.
public struct JSONWebKey: Sendable, Hashable, Codable {
    /// Key type: "OKP" (octet key pair).
    public var kty: String
    /// Curve: "Ed25519".
    public var crv: String
    /// The 32-byte public key, base64url.
    public var x: String
    /// The key id: the key's RFC 7638 thumbprint.
    public var kid: String?
    /// "EdDSA".
    public var alg: String?
    /// "sig".
    public var use: String?

    /// The JWK of an Ed25519 public key, with its thumbprint as `kid`.
    public init(publicKey: Curve25519.Signing.PublicKey) {
        kty = "OKP"
        crv = "Ed25519"
        x = Base64URL.encode(publicKey.rawRepresentation)
        alg = "EdDSA"
        use = "sig"
        kid = Self.thumbprint(x: x)
    }

    /// The RFC 7638 thumbprint of an Ed25519 key: SHA-256 over the required members in
    /// lexicographic order with no white space, base64url.
    public static func thumbprint(x: String) -> String {
        let canonical = #"{"crv":"Ed25519","kty":"OKP","x":"\#(x)"}"#
        return Base64URL.encode(Data(SHA256.hash(data: Data(canonical.utf8))))
    }

    /// The key itself, or nil when this is not an Ed25519 public key.
    public var publicKey: Curve25519.Signing.PublicKey? {
        guard kty == "OKP", crv == "Ed25519", let bytes = Base64URL.decode(x), bytes.count == 32 else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }
}

/// A JWK Set (RFC 7517 §5): what `/.well-known/jwks.json` serves.
public struct JSONWebKeySet: Sendable, Hashable, Codable {
    /// The keys, newest first.
    public var keys: [JSONWebKey]

    /// A set of these keys.
    public init(keys: [JSONWebKey]) {
        self.keys = keys
    }

    /// The key with this id, or nil.
    public func key(id: String) -> JSONWebKey? {
        keys.first { $0.kid == id }
    }

    /// The set as JSON, keys sorted so the same set is always the same bytes.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain strings cannot fail.
        return (try? encoder.encode(self)) ?? Data(#"{"keys":[]}"#.utf8)
    }

    /// Reads a set from JSON, or nil when it is not a JWK Set.
    public static func parse(_ data: Data) -> JSONWebKeySet? {
        try? JSONDecoder().decode(JSONWebKeySet.self, from: data)
    }
}
