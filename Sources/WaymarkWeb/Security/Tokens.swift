import Crypto
import Foundation
import WaymarkCredentials

/// Random tokens for cookies, forms and links, and the hashes kept instead of them.
enum Tokens {
    /// 256 random bits, URL-safe base64 without padding (43 characters).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = (generator.next() as UInt64, generator.next() as UInt64, generator.next() as UInt64, generator.next() as UInt64)
        return withUnsafeBytes(of: words) { Base64URL.encode(bytes: $0) }
    }

    /// SHA-256 in hex: what the store keeps of a session or link token.
    static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// Whether a string could be one of our tokens (length and alphabet), before any lookup.
    static func looksValid(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy(Base64URL.isInAlphabet)
    }
}
