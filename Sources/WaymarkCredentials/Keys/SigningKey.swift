import Crypto
import Foundation

/// The key Waymark signs credentials with: Ed25519, known by its thumbprint (`kid`).
///
/// It prints, dumps and mirrors only its `kid`, so logging it can never leak the private key.
public struct SigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The 32-byte seed. Kept as bytes (which are Sendable) and turned into a key to sign.
    let seed: Data
    /// The public half, as a JWK.
    public let publicJWK: JSONWebKey
    /// The key id: the RFC 7638 thumbprint of the public key.
    public let kid: String
    /// When the key was made.
    public let createdAt: Date

    /// A new random key.
    public static func generate(at now: Date) -> SigningKey {
        SigningKey(privateKey: Curve25519.Signing.PrivateKey(), createdAt: now)
    }

    init(privateKey: Curve25519.Signing.PrivateKey, createdAt: Date) {
        seed = privateKey.rawRepresentation
        publicJWK = JSONWebKey(publicKey: privateKey.publicKey)
        kid = publicJWK.kid ?? ""
        self.createdAt = createdAt
    }

    /// The Ed25519 signature of `data`.
    public func signature(for data: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: data)
    }

    /// "SigningKey(kid)": never the key material.
    public var description: String { "SigningKey(\(kid))" }
    /// As `description`.
    public var debugDescription: String { description }
    /// Only the kid, so `dump` and debuggers show nothing secret.
    public var customMirror: Mirror { Mirror(self, children: ["kid": kid], displayStyle: .struct) }
}
