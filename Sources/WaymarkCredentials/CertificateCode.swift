/// A certificate's code: short enough to read over the phone, long enough never to be guessed.
///
/// 80 random bits written as 16 Crockford base32 characters in groups of four, then a check
/// character: `WM-7KQ2-9XHP-3D8M-TB4N-Q`. The check character is Luhn mod 32 over the same
/// alphabet (Crockford's own mod-37 check can be `*`, `~`, `$` or `=`, which are hard to say
/// aloud); it catches every single mistyped character and nearly every swap of two neighbours,
/// so a typo is reported as a typo rather than "not found".
public struct CertificateCode: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The 16 data characters, upper case, without dashes.
    public let body: String

    /// Crockford's alphabet: no I, L, O or U.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let prefix = "WM"

    /// A new random code.
    public static func random() -> CertificateCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new code from the given source of randomness.
    public static func random(using generator: inout some RandomNumberGenerator) -> CertificateCode {
        // 16 characters × 5 bits = 80 bits.
        let characters = (0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt8(32)))] }
        return CertificateCode(body: String(characters))
    }

    init(body: String) {
        self.body = body
    }

    /// The code as people read and type it: `WM-XXXX-XXXX-XXXX-XXXX-C`.
    public var description: String {
        let characters = Array(body)
        let groups = stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
        return ([Self.prefix] + groups + [String(Self.checkCharacter(for: body))]).joined(separator: "-")
    }

    public static func < (a: CertificateCode, b: CertificateCode) -> Bool {
        a.body < b.body
    }

    /// What someone typed, read forgivingly.
    public enum Reading: Sendable, Hashable {
        /// A well-formed code whose check character matches.
        case code(CertificateCode)
        /// Well-formed, but the check character does not match: a character was mistyped.
        case typo
        /// Not a certificate code at all (wrong length or characters).
        case malformed
    }

    /// Reads a code as a person might type it: any case, spaces or dashes anywhere or missing,
    /// with or without "WM", and O for 0, I or L for 1.
    public static func read(_ text: String) -> Reading {
        var characters: [Character] = []
        for character in text.uppercased() {
            switch character {
            case " ", "-", "_", "\t", "\n": continue
            case "O": characters.append("0")
            case "I", "L": characters.append("1")
            default: characters.append(character)
            }
        }
        if characters.count == 19, characters.starts(with: ["W", "M"]) {
            characters.removeFirst(2)
        }
        guard characters.count == 17, characters.allSatisfy({ alphabet.contains($0) }) else { return .malformed }
        let body = String(characters.prefix(16))
        guard checkCharacter(for: body) == characters[16] else { return .typo }
        return .code(CertificateCode(body: body))
    }

    /// Luhn mod 32 over Crockford's alphabet.
    static func checkCharacter(for body: String) -> Character {
        var sum = 0
        var double = true  // from the right, the rightmost data character is doubled
        for character in body.reversed() {
            let value = alphabet.firstIndex(of: character) ?? 0
            var addend = double ? value * 2 : value
            addend = addend / 32 + addend % 32
            sum += addend
            double.toggle()
        }
        return alphabet[(32 - sum % 32) % 32]
    }
}
