import Foundation

/// A proof written inside a JSON credential (a W3C Data Integrity proof such as
/// `eddsa-rdfc-2022`, or an older Linked Data signature such as `Ed25519Signature2020`), rather
/// than around it as a JWT. Waymark cannot check these: it names them, so that the person
/// verifying knows what kind of tool could.
public struct EmbeddedProof: Sendable, Hashable, CustomStringConvertible {
    /// The proof's `type`: "DataIntegrityProof", "Ed25519Signature2020", ...
    public var type: String
    /// The Data Integrity cryptosuite, when the proof names one: "eddsa-rdfc-2022", "ecdsa-sd-2023", ...
    public var cryptosuite: String?

    /// Makes a value with every field given.
    public init(type: String, cryptosuite: String?) {
        self.type = type
        self.cryptosuite = cryptosuite
    }

    /// "DataIntegrityProof with the cryptosuite eddsa-rdfc-2022", or just the type.
    public var description: String {
        cryptosuite.map { "\(type) with the cryptosuite \($0)" } ?? type
    }

    /// The proofs of a JSON credential, [] for one with none; nil when `bytes` is not a JSON
    /// object at all (a JWT, say).
    public static func proofs(in bytes: Data) -> [EmbeddedProof]? {
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else { return nil }
        // One proof is an object; a proof set or chain is an array of them.
        let written: [Any]
        switch object["proof"] {
        case let many as [Any]: written = many
        case let one?: written = [one]
        case nil: written = []
        }
        return written.map { entry in
            let proof = entry as? [String: Any] ?? [:]
            let types = (proof["type"] as? [Any] ?? [proof["type"] as Any]).compactMap { $0 as? String }
            return EmbeddedProof(type: types.isEmpty ? "a proof with no type" : types.joined(separator: ", "), cryptosuite: proof["cryptosuite"] as? String)
        }
    }
}
