import Foundation

/// Where a certificate's bit is in the W3C Bitstring Status Lists: list `list`, bit `index`.
/// The same slot in the revocation list and in the suspension list. Fixed when the certificate
/// is issued, and never changed: it is written into the credential.
public struct StatusListSlot: Sendable, Hashable, Codable {
    /// Which list, from 1.
    public var list: Int
    /// Which bit of it, from 0.
    public var index: Int

    /// A slot with every field given.
    public init(list: Int, index: Int) {
        self.list = list
        self.index = index
    }

    /// The entries in a list: 131,072 (16 KB of bits), the least the Recommendation allows, so
    /// that a list says nothing about how many certificates there are or which bit is whose.
    public static let capacity = 131_072

    /// A free bit of a list where `used` are taken, chosen at random so that an index says
    /// nothing about when a certificate was issued or who holds the next one; nil when the list
    /// is full. Tries random bits first (nearly always the first is free); when most are taken,
    /// picks among the free ones.
    public static func freeIndex(besides used: Set<Int>, capacity: Int = capacity) -> Int? {
        guard used.count < capacity else { return nil }
        for _ in 0..<32 {
            let index = Int.random(in: 0..<capacity)
            if !used.contains(index) { return index }
        }
        return (0..<capacity).filter { !used.contains($0) }.randomElement()
    }

    /// The slot for a new certificate, given the highest list in use and the bits taken in it.
    /// When that list is full the certificate starts the next one: the credentials already
    /// issued keep their slots, and verifiers simply fetch one more list.
    public static func next(currentList: Int?, usedInCurrent used: Set<Int>) -> StatusListSlot {
        let list = currentList ?? 1
        if let index = freeIndex(besides: currentList == nil ? [] : used) { return StatusListSlot(list: list, index: index) }
        return StatusListSlot(list: list + 1, index: freeIndex(besides: []) ?? 0)
    }
}

/// What a status list says about the certificates whose bits are set.
public enum StatusPurpose: String, Sendable, Hashable, Codable, CaseIterable {
    /// Revoked: withdrawn for good.
    case revocation
    /// Suspended: not valid for now; it may be reinstated (the bit is cleared).
    case suspension

    /// The certificate states whose bits this list sets. A withdrawn certificate (its holder's
    /// personal data erased) is revoked for machines: no longer valid, for good.
    public var states: [CertificateState] {
        switch self {
        case .revocation: [.revoked, .withdrawn]
        case .suspension: [.suspended]
        }
    }
}

/// A status list as the store keeps it: which change it is up to, and the signed list built
/// from the certificates at some version (nil until first built).
public struct StoredStatusList: Sendable, Hashable {
    /// Which list, and for what.
    public var list: Int
    public var purpose: StatusPurpose
    /// Counts the changes to the bits: one more with each suspension, reinstatement or revocation
    /// in the list, in the same transaction as the change.
    public var version: Int
    /// The signed list (a VC-JWT), the version it was built from, and when.
    public var built: Built?

    /// A signed list, and the issuer it names (a command run with another `--base-url` than
    /// the servers' may have built it).
    public struct Built: Sendable, Hashable {
        public var jwt: String
        public var version: Int
        public var at: Date
        public var issuerID: String

        public init(jwt: String, version: Int, at: Date, issuerID: String) {
            self.jwt = jwt
            self.version = version
            self.at = at
            self.issuerID = issuerID
        }
    }

    public init(list: Int, purpose: StatusPurpose, version: Int, built: Built?) {
        self.list = list
        self.purpose = purpose
        self.version = version
        self.built = built
    }

    /// Whether it has to be built (again) before it is served: never built, built before the
    /// latest change, or built naming another issuer.
    public func needsBuilding(for issuerID: String) -> Bool {
        guard let built else { return true }
        return built.version < version || built.issuerID != issuerID
    }
}

/// What a status list is built from, read together: its version and the bits set at it.
public struct StatusListBits: Sendable, Hashable {
    public var version: Int
    public var setIndexes: [Int]

    public init(version: Int, setIndexes: [Int]) {
        self.version = version
        self.setIndexes = setIndexes
    }
}
