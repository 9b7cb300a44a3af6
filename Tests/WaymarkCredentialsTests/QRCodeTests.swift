import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkCredentials

@Suite struct QRCodeTests {
    /// The worked example of the standard's tutorials: "HELLO WORLD" as 1-M data codewords and
    /// the ten error-correction codewords that follow them.
    @Test func reedSolomonMatchesTheWorkedExample() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let check = QRErrorCorrection.remainder(data, divisor: QRErrorCorrection.generator(degree: 10))
        #expect(check == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func theSmallestVersionThatHoldsTheTextIsChosen() throws {
        #expect(try QRCode(text: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(text: "https://mentors.example.org/verify/WM-MY9W-6WBA-4DBX-T6PA-V").version == 4)
        #expect(try QRCode(text: String(repeating: "a", count: 213)).version == 10)
        #expect(try QRCode(text: String(repeating: "a", count: 151), correction: .quartile).version == 10)
        #expect(throws: QRCode.Problem.tooLong(bytes: 214, most: 213)) { try QRCode(text: String(repeating: "a", count: 214)) }
    }

    @Test func theSVGHasTheQuietZoneALabelAndNoScript() throws {
        let code = try QRCode(text: "https://example.org/verify/WM-AAAA")
        let svg = code.svg(label: "Check \"this\" <certificate>")
        #expect(svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("aria-label=\"Check &quot;this&quot; &lt;certificate&gt;\""))
        #expect(!svg.contains("<script"))
    }

    /// Decoded by an independent reader, zbar, from a PNG drawn from the SVG itself: addresses of
    /// many lengths, at both levels, so every version from 1 to 10 is met.
    static let zbar = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: FileManager.default.isExecutableFile)

    @Test(.enabled(if: zbar != nil, "zbarimg is missing: apt-get install zbar-tools (.ci/run does)"))
    func zbarReadsBackEveryAddressAtBothLevels() throws {
        let zbar = try #require(Self.zbar)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var versions: Set<Int> = []
        for correction in QRCode.Correction.allCases {
            let most = QRCode.capacity(version: QRTables.largestVersion, correction)
            for length in stride(from: 8, through: most, by: 9) + [most] {
                let host = String(repeating: "m", count: max(1, length - 46))
                let address = String("https://\(host).example.org/verify/WM-MY9W-6WBA-4DBX-T6PA-V".prefix(length))
                let code = try QRCode(text: address, correction: correction)
                versions.insert(code.version)
                let file = folder.appendingPathComponent("\(length)-\(correction).png")
                try Data(try Self.rasterise(code.svg(label: address), scale: 4).data).write(to: file)
                let read = try runProgram(URL(fileURLWithPath: zbar), ["--raw", "-q", file.path])
                #expect(read.stdout.trimmingCharacters(in: .newlines) == address, "\(length) bytes at \(correction), version \(code.version)")
            }
        }
        #expect(versions == Set(1...10))
    }

    /// Draws the SVG's module runs as pixels, as a rasteriser would.
    static func rasterise(_ svg: String, scale: Int) throws -> PNGImage {
        let side = try #require(svg.firstMatch(of: /viewBox="0 0 (\d+) \d+"/).flatMap { Int($0.1) })
        var pixels = [UInt8](repeating: 255, count: side * scale * side * scale)
        for run in svg.matches(of: /M(\d+) (\d+)h(\d+)v1h-\d+z/) {
            guard let x = Int(run.1), let y = Int(run.2), let length = Int(run.3) else { continue }
            for row in (y * scale)..<((y + 1) * scale) {
                for column in (x * scale)..<((x + length) * scale) { pixels[row * side * scale + column] = 0 }
            }
        }
        return try #require(PNGImage(width: side * scale, height: side * scale, pixels: pixels))
    }
}
