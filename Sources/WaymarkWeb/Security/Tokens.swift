import Crypto
import Foundation

/// Random tokens for cookies, forms and links, and the hashes kept instead of them.
enum Tokens {
    /// 256 random bits, URL-safe base64 without padding (43 characters).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = (generator.next() as UInt64, generator.next() as UInt64, generator.next() as UInt64, generator.next() as UInt64)
        // Encoded by hand: Foundation's base64 and three `replacingOccurrences` took a tenth of a
        // small page's CPU.
        return withUnsafeBytes(of: words) { bytes in
            String(unsafeUninitializedCapacity: 43) { output in
                var written = 0
                var bits: UInt32 = 0
                var count = 0
                for byte in bytes {
                    bits = bits << 8 | UInt32(byte)
                    count += 8
                    while count >= 6 {
                        count -= 6
                        output[written] = urlAlphabet[Int(bits >> UInt32(count) & 0x3F)]
                        written += 1
                    }
                }
                if count > 0 {
                    output[written] = urlAlphabet[Int(bits << UInt32(6 - count) & 0x3F)]
                    written += 1
                }
                return written
            }
        }
    }

    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

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
        token.utf8.count == 43 && token.utf8.allSatisfy { urlAlphabet.contains($0) }
    }
}
