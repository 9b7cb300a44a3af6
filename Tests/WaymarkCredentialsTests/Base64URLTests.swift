import Foundation
import Testing
import WaymarkCredentials

@Suite struct Base64URLTests {
    /// The hand-written encoder gives what RFC 7515 describes: Foundation's base64 with - and _
    /// for + and /, and no padding, for every length of input (every way the last group ends).
    @Test func encodesAsFoundationsBase64WithoutPaddingForEveryLength() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let expected = bytes.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            let encoded = Base64URL.encode(bytes)
            #expect(encoded == expected, "length \(length)")
            #expect(Base64URL.decode(encoded) == bytes)
        }
        #expect(Base64URL.encode(Data([0xfb, 0xff])) == "-_8")
    }

    @Test func refusesTextOutsideTheAlphabet() {
        #expect(Base64URL.decode("ab+c") == nil)
        #expect(Base64URL.decode("ab/c") == nil)
        #expect(Base64URL.decode("abc=") == nil)
        #expect(Base64URL.decode("abé") == nil)
    }
}
