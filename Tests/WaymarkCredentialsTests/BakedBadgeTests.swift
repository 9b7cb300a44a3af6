import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkCredentials

@Suite struct BakedBadgeTests {
    static let credential = "eyJhbGciOiJFZERTQSJ9.eyJuYW1lIjoiSm8ifQ.c2lnbmF0dXJl"

    static func content(holder: String = "Jamal Reid", title: String = "Certified Peer Mentor", organisation: String = "Northside Mentoring")
        -> BadgeContent
    {
        BadgeContent(
            organisation: organisation,
            title: title,
            holder: holder,
            issued: "Issued 26 November 2026",
            code: "WM-7KQ2-9XHP-3D8M-TB4N-Q",
            checkAt: "mentors.example.org/verify"
        )
    }

    /// The PNG's chunks as (type, body), each CRC checked.
    static func chunks(_ png: [UInt8]) throws -> [(type: String, body: [UInt8])] {
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var found: [(String, [UInt8])] = []
        var at = 8
        while at + 12 <= png.count {
            let length = png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = Array(png[(at + 4)..<(at + 8)])
            let body = Array(png[(at + 8)..<(at + 8 + length)])
            let crc = png[(at + 8 + length)..<(at + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(CRC32.checksum(type + body) == crc, "the \(String(decoding: type, as: UTF8.self)) chunk's CRC")
            found.append((String(decoding: type, as: UTF8.self), body))
            at += 12 + length
        }
        #expect(at == png.count)
        return found
    }

    /// OB 3.0 §5.3.1: one iTXt chunk, keyword openbadgecredential, not compressed, empty
    /// language tag and translated keyword, the compact JWS as its text; straight after IHDR.
    @Test func thePNGHasOneCredentialChunkAsTheRulesSay() throws {
        let png = try BakedBadge.png(Self.content(), credential: Self.credential)
        let chunks = try Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "iTXt", "IDAT", "IEND"])
        let expected = Array("openbadgecredential".utf8) + [0, 0, 0, 0, 0] + Array(Self.credential.utf8)
        #expect(chunks[1].body == expected)
        #expect(Array(chunks[0].body.prefix(8)) == [0, 0, 3, 32, 0, 0, 3, 32])  // 800 × 800
    }

    @Test func aKeywordOutsideThePNGRulesIsRefused() {
        #expect(PNGImage.InternationalText(keyword: "", text: "x") == nil)
        #expect(PNGImage.InternationalText(keyword: String(repeating: "k", count: 80), text: "x") == nil)
        #expect(PNGImage.InternationalText(keyword: "clé", text: "x") == nil)
        #expect(PNGImage.InternationalText(keyword: " lead", text: "x") == nil)
        #expect(PNGImage.InternationalText(keyword: "openbadgecredential", text: "x") != nil)
    }

    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)

    /// Python's zlib (an independent inflater) reads the compressed image data back to the very
    /// pixels drawn, and checks every chunk's CRC with its own crc32.
    @Test(.enabled(if: python != nil, "python3 is missing"))
    func pythonsZlibReadsThePixelsBack() throws {
        let python = try #require(Self.python)
        var pixels = [UInt8](repeating: 255, count: 97 * 61)
        var seed: UInt32 = 7
        for index in pixels.indices where index % 5 != 0 {
            seed = seed &* 1_103_515_245 &+ 12_345
            pixels[index] = index % 3 == 0 ? UInt8(truncatingIfNeeded: seed >> 16) : pixels[max(0, index - 97)]
        }
        let image = try #require(PNGImage(width: 97, height: 61, pixels: pixels))
        let badge = try BakedBadge.png(Self.content(), credential: Self.credential)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            at, idat = 8, b''
            while at < len(data):
                n, = struct.unpack('>I', data[at:at+4]); kind = data[at+4:at+8]; body = data[at+8:at+8+n]
                assert struct.unpack('>I', data[at+8+n:at+12+n])[0] == zlib.crc32(kind + body) & 0xffffffff, kind
                if kind == b'IHDR': width, height = struct.unpack('>II', body[:8])
                if kind == b'IDAT': idat += body
                at += 12 + n
            raw = zlib.decompress(idat)
            assert len(raw) == (width + 1) * height
            rows = [raw[r * (width + 1):(r + 1) * (width + 1)] for r in range(height)]
            assert all(row[0] == 0 for row in rows)
            print(zlib.crc32(b''.join(row[1:] for row in rows)))
            """
        for (name, png, expected) in [("noise", image.data, pixels), ("badge", badge, nil)] {
            let file = folder.appendingPathComponent("\(name).png")
            try Data(png).write(to: file)
            let read = try runProgram(URL(fileURLWithPath: python), ["-c", script, file.path])
            #expect(read.status == 0, "\(name): \(read.stderr)")
            if let expected { #expect(read.stdout.trimmingCharacters(in: .newlines) == String(CRC32.checksum(expected))) }
        }
        // Flat pictures compress: the badge is far smaller than its 640,000 pixels.
        #expect(badge.count < 40_000)
    }

    /// OB 3.0 §5.3.2: xmlns:openbadges on the svg tag, and directly after it the one
    /// openbadges:credential element with the compact JWS in `verify`.
    @Test func theSVGHasOneCredentialElementDirectlyAfterTheSVGTag() throws {
        let svg = try BakedBadge.svg(Self.content(), credential: Self.credential)
        let opening = try #require(svg.firstMatch(of: /<svg\b[^>]*>/))
        #expect(opening.output.contains("xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""))
        let after = svg[opening.range.upperBound...].drop { $0.isWhitespace }
        #expect(after.hasPrefix("<openbadges:credential verify=\"\(Self.credential)\"></openbadges:credential>"))
        #expect(svg.matches(of: /<openbadges:credential/).count == 1)
        #expect(!svg.contains("<script"))
    }

    /// The preview shown inside a page is the same picture with no credential and no XML
    /// declaration (it sits inside HTML).
    @Test func thePreviewIsThePictureWithoutTheCredential() throws {
        let preview = try #require(BakedBadge.preview(Self.content()))
        let file = try BakedBadge.svg(Self.content(), credential: Self.credential)
        #expect(preview.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\""))
        #expect(!preview.contains("openbadges") && !preview.contains("<?xml"))
        #expect(file.contains(preview.drop { $0 != "<" }.split(separator: "\n").dropFirst().joined(separator: "\n")))
    }

    @Test func everyWordInTheSVGIsEscaped() throws {
        let holder = "Dana \"D\" <b>O'Brien</b> & Co"
        let svg = try BakedBadge.svg(Self.content(holder: holder, organisation: "Tom & Jerry's <Trust>"), credential: Self.credential)
        #expect(!svg.contains("<b>") && !svg.contains("<Trust>"))
        #expect(svg.contains("&lt;b&gt;O&#39;Brien&lt;/b&gt;"))
        #expect(svg.contains("Tom &amp; Jerry&#39;s &lt;Trust&gt;"))
        #expect(svg.contains("Dana &quot;D&quot;"))
        #expect(XMLText.escaped("a\u{0001}b") == "a\u{FFFD}b")
        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile)
        if let xmllint {
            let checked = try runProgram(URL(fileURLWithPath: xmllint), ["--noout", "-"], input: svg)
            #expect(checked.status == 0, "the SVG is not well-formed XML: \(checked.stderr)")
        }
    }

    /// Accented letters are their letter with the accent drawn on; apostrophes and hyphens are
    /// drawn; nothing of a name is left out.
    @Test func namesWithAccentsAreDrawnWhole() throws {
        for name in ["Zoë Ñúñez-Ørsted", "Siobhán O’Connor", "José Müller", "Łucja Żółć", "François d'Aubigné", "Ægir Þór".replacingOccurrences(of: "Þ", with: "T")] {
            #expect(BitmapFont.undrawable(in: name).isEmpty, "\(name): \(BitmapFont.undrawable(in: name))")
            #expect(BakedBadge.pngProblem(Self.content(holder: name)) == nil)
            let layout = try BakedBadge.layout(Self.content(holder: name), measure: BitmapFont.width(of:))
            let drawn = layout.lines.filter { $0.block == 3 }.map(\.text).joined(separator: " ")
            #expect(drawn.filter { !$0.isWhitespace } == name.filter { !$0.isWhitespace }, "\(name) is drawn as \(drawn)")
        }
        for (accented, plain) in [("é", "e"), ("ö", "o"), ("ñ", "n"), ("Å", "A"), ("ç", "c"), ("í", "ı")] {
            let marked = try #require(BitmapFont.shape(of: Character(accented)))
            let base = try #require(BitmapFont.shape(of: Character(plain)))
            #expect(marked != base, "\(accented) is drawn without its accent")
            #expect(Set(base.dots.map { "\($0.row),\($0.column)" }).isSubset(of: Set(marked.dots.map { "\($0.row),\($0.column)" })))
        }
    }

    /// An accent is kept apart from its letter by a row of paper, over capitals and small letters.
    @Test func accentsDoNotTouchTheirLetters() throws {
        for (accented, plain) in [("Ñ", "N"), ("Ó", "O"), ("Ż", "Z"), ("ñ", "n"), ("ü", "u"), ("é", "e"), ("ĺ", "l")] {
            let marked = try #require(BitmapFont.shape(of: Character(accented)))
            let base = try #require(BitmapFont.shape(of: Character(plain)))
            let top = try #require(base.dots.map(\.row).min())
            let accent = marked.dots.filter { !base.dots.contains($0) }
            #expect(!accent.isEmpty && accent.allSatisfy { $0.row < top - 1 }, "\(accented)'s accent touches the letter")
        }
    }

    @Test func aLongHyphenatedNameBreaksAfterItsHyphen() throws {
        let lines = try BadgeLayout.wrap("Bartholomew-Featherstonehaugh Rhys", columns: 120, measure: BitmapFont.width(of:))
        #expect(lines == ["Bartholomew-", "Featherstonehaugh", "Rhys"])
    }

    @Test func everyPrintableASCIILetterAndFigureIsDrawn() {
        let text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,'\"-:;!?()/&+ ’‘“”–—"
        #expect(BitmapFont.undrawable(in: text).isEmpty, "\(BitmapFont.undrawable(in: text))")
        for glyphs in [BitmapFontGlyphs.letters, BitmapFontGlyphs.figuresAndPunctuation] {
            for (character, rows) in glyphs {
                #expect(Set(rows.map(\.count)).count == 1, "\(character)'s rows are not one width")
                #expect(rows.count == 7 || rows.count == 9, "\(character) has \(rows.count) rows")
            }
        }
    }

    /// A name of 100 characters (the longest a name may be) and a long title are wrapped or
    /// made smaller, never cut; they stay inside the frame and readable (scale 3 at the least).
    @Test func longNamesAndTitlesFit() throws {
        let name = "Anna-Sofía Wilhelmina Bartholomew-Featherstonehaugh Ó Súilleabháin de la Cruz-Montgomery Rhys"
        let longest = String((name + " Ellington-Smythe").prefix(100))
        let title = "Certified Peer Mentor in Criminal Justice, Resettlement and Through-the-Gate Support (Level 3)"
        for holder in [name, longest, String(repeating: "W", count: 100)] {
            let content = Self.content(holder: holder, title: title, organisation: "The Very Long Named Regional Peer Mentoring Partnership of the North")
            let layout = try BakedBadge.layout(content, measure: BitmapFont.width(of:))
            #expect(layout.lines.filter { $0.block == 3 }.map(\.text).joined(separator: " ").replacingOccurrences(of: " ", with: "")
                == holder.replacingOccurrences(of: " ", with: ""))
            for line in layout.lines {
                let width = (BitmapFont.width(of: line.text) ?? .max) * line.scale
                #expect(width <= BakedBadge.side - 2 * BakedBadge.margin, "\(line.text) is \(width) px wide")
                #expect(line.scale >= 3)
                #expect(line.top >= BakedBadge.margin && line.top + BitmapFont.lineRows * line.scale <= BakedBadge.side - BakedBadge.margin + line.scale)
            }
            #expect(BakedBadge.pngProblem(content) == nil)
            _ = try BakedBadge.png(content, credential: Self.credential)
            _ = try BakedBadge.svg(content, credential: Self.credential)
        }
    }

    /// What the pixel font cannot draw is named, never drawn as gaps; the SVG shows it in real fonts.
    @Test func charactersThePixelFontLacksAreNamedNotDropped() throws {
        let content = Self.content(holder: "李小龍 Lee")
        #expect(BakedBadge.pngProblem(content) == .cannotDraw(["李", "小", "龍"]))
        #expect(throws: BadgeProblem.cannotDraw(["李", "小", "龍"])) { try BakedBadge.png(content, credential: Self.credential) }
        #expect(try BakedBadge.svg(content, credential: Self.credential).contains(">李小龍 Lee</text>"))
        #expect(BakedBadge.pngProblem(Self.content(holder: "Ǘ")) == .cannotDraw(["Ǘ"]))  // two accents over one letter
    }

    @Test func wordsFarTooLongForThePictureAreRefused() {
        let content = Self.content(title: String(repeating: "Certified ", count: 60))
        #expect(BakedBadge.pngProblem(content) == .doesNotFit)
    }
}
