import Foundation
import Testing

@testable import WaymarkCredentials

/// A repeatable source of randomness for tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}

@Suite struct CertificateCodeTests {
    @Test func looksLikeWMThenFourGroupsThenACheckCharacter() {
        let code = CertificateCode.random()
        let parts = code.description.split(separator: "-")
        #expect(parts.count == 6)
        #expect(parts[0] == "WM")
        #expect(parts[1...4].allSatisfy { $0.count == 4 })
        #expect(parts[5].count == 1)
        #expect(code.body.count == 16)  // 16 × 5 bits = 80 random bits
    }

    @Test func readsBackWhatItWrites() {
        var generator = SeededGenerator(state: 1)
        for _ in 0..<1_000 {
            let code = CertificateCode.random(using: &generator)
            #expect(CertificateCode.read(code.description) == .code(code))
        }
    }

    @Test func forgivesHowPeopleType() {
        var generator = SeededGenerator(state: 7)
        let code = CertificateCode.random(using: &generator)
        let text = code.description
        let forms = [
            text.lowercased(),
            text.replacingOccurrences(of: "-", with: ""),
            text.replacingOccurrences(of: "-", with: " "),
            String(text.dropFirst(3)),
            "  " + text.lowercased().replacingOccurrences(of: "-", with: "  ") + " ",
            text.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l"),
            text.replacingOccurrences(of: "1", with: "I"),
        ]
        for form in forms {
            #expect(CertificateCode.read(form) == .code(code), "\(form)")
        }
    }

    @Test func everySingleMistypedCharacterIsATypo() {
        var generator = SeededGenerator(state: 42)
        for _ in 0..<50 {
            let code = CertificateCode.random(using: &generator)
            var characters = Array(code.body + String(CertificateCode.checkCharacter(for: code.body)))
            for position in characters.indices {
                let original = characters[position]
                for replacement in CertificateCode.alphabet where replacement != original {
                    characters[position] = replacement
                    #expect(CertificateCode.read(String(characters)) == .typo)
                }
                characters[position] = original
            }
        }
    }

    @Test func nearlyEverySwapOfNeighboursIsATypo() {
        var generator = SeededGenerator(state: 3)
        var swaps = 0
        var caught = 0
        for _ in 0..<500 {
            let code = CertificateCode.random(using: &generator)
            let characters = Array(code.body + String(CertificateCode.checkCharacter(for: code.body)))
            for position in 0..<(characters.count - 1) where characters[position] != characters[position + 1] {
                var swapped = characters
                swapped.swapAt(position, position + 1)
                swaps += 1
                if CertificateCode.read(String(swapped)) == .typo { caught += 1 }
            }
        }
        #expect(Double(caught) / Double(swaps) > 0.99)
    }

    @Test(arguments: ["", "WM", "hello", "WM-7KQ2-9XHP", "WM-7KQ2-9XHP-3D8M-TB4N-QQ", "WM-7KQ2-9XHP-3D8M-TB4U-Q", "WM-7KQ2-9XHP-3D8M-TB4N-*"])
    func refusesWhatIsNotACode(text: String) {
        #expect(CertificateCode.read(text) == .malformed)
    }

    @Test func noTwoCodesAlikeOverALargeSample() {
        var seen = Set<CertificateCode>()
        for _ in 0..<100_000 {
            seen.insert(CertificateCode.random())
        }
        #expect(seen.count == 100_000)
    }
}
