/// A greyscale PNG, written without a compression library (`Deflate` packs the flat pictures
/// Waymark draws), optionally carrying text: an Open Badges credential baked into a badge goes
/// in an `iTXt` chunk.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// One byte per pixel, row by row: 0 black, 255 white.
    public let pixels: [UInt8]

    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, width <= 16_384, height <= 16_384, pixels.count == width * height else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An `iTXt` chunk (PNG §11.3.4.5): international text under a Latin-1 keyword, never
    /// compressed, with empty language tag and translated keyword.
    public struct InternationalText: Sendable, Hashable {
        /// 1 to 79 printable Latin-1 characters, such as `openbadgecredential`.
        public var keyword: String
        /// Any text, written as UTF-8.
        public var text: String

        public init?(keyword: String, text: String) {
            guard (1...79).contains(keyword.unicodeScalars.count),
                keyword.unicodeScalars.allSatisfy({ (32...126).contains($0.value) }),
                !keyword.hasPrefix(" "), !keyword.hasSuffix(" "), !keyword.contains("  ")
            else { return nil }
            self.keyword = keyword
            self.text = text
        }

        /// The chunk's body: keyword, NUL, compression flag 0, method 0, empty language tag and
        /// translated keyword (each ended by NUL), then the text.
        var body: [UInt8] { Array(keyword.utf8) + [0, 0, 0, 0, 0] + Array(text.utf8) }
    }

    /// The image as a PNG file.
    public var data: [UInt8] { data(texts: []) }

    /// The image as a PNG file with `texts` as `iTXt` chunks straight after the header, where a
    /// reader looking for one meets it first.
    public func data(texts: [InternationalText]) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            raw.append(0)  // no filter
            raw += pixels[(row * width)..<((row + 1) * width)]
        }
        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(width))
        header += Self.bigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]  // 8-bit greyscale, deflate, adaptive filtering, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + Self.chunk("IHDR", header) + texts.flatMap { Self.chunk("iTXt", $0.body) }
            + Self.chunk("IDAT", Deflate.zlib(raw, stride: width + 1)) + Self.chunk("IEND", [])
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(body.count)) + typeBytes + body + bigEndian(CRC32.checksum(typeBytes + body))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

/// The CRC-32 PNG chunks (and gzip) end with.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
