import Foundation
import Testing

@testable import WaymarkWeb

/// The one rule for typed words, and the form decoder that feeds it every character as sent.
@Suite struct FreeTextTests {
    @Test func cleanTextIsKeptTrimmedWithItsLineEndsAsLF() {
        #expect(FreeText.longText.check("  First line\r\nsecond\rthird\n ") == .text("First line\nsecond\nthird"))
        #expect(FreeText.longText.check("a\tb") == .text("a\tb"))
        #expect(FreeText.name.check("Zoë 👩‍👩‍👧 O'Neil") == .text("Zoë 👩‍👩‍👧 O'Neil"))
        #expect(FreeText.name.check(nil) == .text(""))
    }

    @Test func hiddenControlCharactersAreRefusedWithAKindMessage() {
        for hidden in ["\u{0}", "\u{1B}", "\u{7F}", "\u{85}x", "\u{9B}"] {
            #expect(FreeText.shortText.check("a\(hidden)b") == .problem(FreeText.hiddenCharacters), "\(hidden.debugDescription)")
        }
        // A tab or a new line belongs in a textarea, not on one line.
        #expect(FreeText.shortText.check("a\tb") == .problem(FreeText.hiddenCharacters))
        #expect(FreeText.reason.check("a\nb") == .problem(FreeText.hiddenCharacters))
    }

    @Test func charactersThatTurnTextAroundAreRefusedAndTheMessageSaysSo() {
        for scalar in Array(0x202A...0x202E) + Array(0x2066...0x2069) {
            let text = "abc" + String(Character(Unicode.Scalar(UInt32(scalar))!)) + "def"
            #expect(FreeText.longText.check(text) == .problem(FreeText.directionCharacters), "U+\(String(scalar, radix: 16))")
        }
        #expect(FreeText.directionCharacters.contains("change the direction of the text"))
    }

    @Test func eachLimitIsStatedAndKeptWithTheCount() {
        #expect(FreeText.longText.hint == "Up to 2,000 characters.")
        #expect(FreeText.reflection.limit == 10_000)
        let limits: [Int] = [FreeText.name.limit, FreeText.email.limit, FreeText.shortText.limit, FreeText.reason.limit]
        #expect(limits == [100, 254, 300, 2_000])
        #expect(FreeText.name.check(String(repeating: "é", count: 100)) == .text(String(repeating: "é", count: 100)))
        #expect(FreeText.name.check(String(repeating: "é", count: 101)) == .problem("Keep it to 100 characters or fewer. You wrote 101."))
        #expect(FreeText.longText.check(String(repeating: "a", count: 2_001)) == .problem("Keep it to 2,000 characters or fewer. You wrote 2,001."))
    }

    @Test func theFormDecoderKeepsANulSoTheRuleCanRefuseIt() {
        let form = FormFields("note=before%00after&name=a+b%2Bc")
        #expect(form["note"] == "before\u{0}after")
        #expect(form["name"] == "a b+c")
        #expect(!form.isUnreadable)
        #expect(FreeText.longText.check(form["note"]) == .problem(FreeText.hiddenCharacters))
    }

    @Test func aBrokenEscapeOrBytesThatAreNotTextMakeTheFormUnreadable() {
        for body in ["note=50%", "note=50%2", "note=%zz", "note=%FF%FE", "note=%C3", "%ZZ=x"] {
            #expect(FormFields(body).isUnreadable, "\(body)")
        }
        #expect(FormFields(bytes: Array("note=caf".utf8) + [0xC3]).isUnreadable)
        #expect(FormFields(bytes: Array("note=caf".utf8) + [0xC3, 0xA9])["note"] == "café")
        #expect(FormFields("note=caf%C3%A9")["note"] == "café")
    }
}
