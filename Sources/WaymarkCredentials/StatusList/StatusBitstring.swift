import Foundation
import WaymarkCertificates

/// The bits of one W3C Bitstring Status List: one bit a certificate, set when the list's purpose
/// (revoked, suspended) applies to it.
///
/// Index 0 is the left-most bit: the highest bit of the first byte, as the Recommendation says
/// ("the first index ... is the left-most bit"). A list is at least 131,072 bits (16 KB) long,
/// so that how many certificates there are, and which bit is whose, says nothing about anyone.
public struct StatusBitstring: Sendable, Hashable {
    /// The bits, eight a byte.
    public private(set) var bytes: [UInt8]

    /// How many entries: bits.
    public var count: Int { bytes.count * 8 }

    /// A list of `StatusListSlot.capacity` entries with these indexes set. An index outside the
    /// list is refused: it would mean a certificate's bit was lost.
    public init(setting indexes: some Sequence<Int>, count: Int = StatusListSlot.capacity) throws {
        guard count > 0, count % 8 == 0 else { throw StatusListFailure.size(count) }
        bytes = [UInt8](repeating: 0, count: count / 8)
        for index in indexes {
            guard (0..<count).contains(index) else { throw StatusListFailure.index(index, count: count) }
            bytes[index / 8] |= 0x80 >> UInt8(index % 8)
        }
    }

    /// A list read from its bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether the bit at `index` is set; nil when the list has no such index.
    public func isSet(_ index: Int) -> Bool? {
        guard index >= 0, index < count else { return nil }
        return bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    /// The indexes whose bits are set, in order.
    public var setIndexes: [Int] {
        (0..<count).filter { bytes[$0 / 8] & (0x80 >> UInt8($0 % 8)) != 0 }
    }

    /// `encodedList`: "u" (multibase's mark for base64url without padding), then the
    /// GZIP-compressed bits in base64url without padding.
    public func encodedList() throws -> String {
        "u" + Base64URL.encode(try GZIP.compress(Data(bytes)))
    }

    /// The largest list read back: 16 MB of bits, far more than Waymark writes, so a list that
    /// inflates to more is refused rather than filling the memory.
    public static let readLimit = 16 * 1024 * 1024

    /// Reads an `encodedList`. The "u" prefix is required, as the Recommendation says.
    public static func decode(_ encodedList: String) throws -> StatusBitstring {
        guard encodedList.hasPrefix("u"), let compressed = Base64URL.decode(encodedList.dropFirst()) else {
            throw StatusListFailure.encoding
        }
        let bits = try GZIP.decompress(compressed, limit: readLimit)
        guard !bits.isEmpty else { throw StatusListFailure.encoding }
        return StatusBitstring(bytes: [UInt8](bits))
    }
}

/// Why a status list could not be made or read.
public enum StatusListFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A list size that is not a whole, positive number of bytes.
    case size(Int)
    /// An index outside the list.
    case index(Int, count: Int)
    /// `encodedList` is not "u" and base64url of GZIP.
    case encoding

    public var description: String {
        switch self {
        case .size(let count): "a status list of \(count) entries is not a whole number of bytes"
        case .index(let index, let count): "index \(index) is outside a status list of \(count) entries"
        case .encoding: "encodedList is not \"u\" followed by base64url of GZIP"
        }
    }
}
