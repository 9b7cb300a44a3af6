import Foundation
import Testing

@testable import WaymarkWeb

@Suite struct TokenTests {
    @Test func aTokenIs256BitsOfURLSafeBase64() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let token = Tokens.random()
            #expect(Tokens.looksValid(token))
            // Foundation decodes it back to 32 bytes once it is turned into standard base64.
            let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            let bytes = try #require(Data(base64Encoded: standard))
            #expect(bytes.count == 32)
            #expect(Data(base64Encoded: standard)?.base64EncodedString() == standard)
            seen.insert(token)
        }
        #expect(seen.count == 200)
    }

    @Test func lookalikesAreRefusedBeforeAnyLookup() {
        #expect(!Tokens.looksValid(""))
        #expect(!Tokens.looksValid(String(repeating: "a", count: 42)))
        #expect(!Tokens.looksValid(String(repeating: "a", count: 44)))
        #expect(!Tokens.looksValid(String(repeating: "a", count: 42) + "="))
        #expect(!Tokens.looksValid(String(repeating: "a", count: 42) + "é"))
        #expect(Tokens.looksValid(String(repeating: "-", count: 21) + String(repeating: "_", count: 22)))
    }
}
