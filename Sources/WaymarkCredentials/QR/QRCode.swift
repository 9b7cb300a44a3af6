/// A QR code (ISO/IEC 18004) for a short text such as a certificate's verify address: byte mode,
/// error correction level M or Q, the smallest of versions 1 to 10 that holds the text (up to
/// 213 bytes at M, 151 at Q). Organisations check paper certificates with a phone camera.
///
/// The layout follows the standard's steps: function patterns, the data and its Reed-Solomon
/// error correction interleaved in blocks, the zigzag placement, and the mask that scores best.
public struct QRCode: Sendable, Equatable {
    public enum Correction: Sendable, CaseIterable {
        /// Recovers about 15% of the code: the usual choice for print.
        case medium
        /// Recovers about 25%: for a code that may be creased or smudged.
        case quartile
    }

    public enum Problem: Error, Equatable {
        /// The text does not fit in a version-10 code at this level.
        case tooLong(bytes: Int, most: Int)
    }

    public let version: Int
    public let correction: Correction
    public let mask: Int
    /// Modules per side: 21 for version 1, four more for each version after it.
    public let size: Int
    /// Row by row, true for a dark module.
    public let modules: [[Bool]]

    public init(text: String, correction: Correction = .medium) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...QRTables.largestVersion).first(where: { Self.fits(bytes.count, version: $0, correction) }) else {
            throw Problem.tooLong(bytes: bytes.count, most: Self.capacity(version: QRTables.largestVersion, correction))
        }
        let codewords = QRErrorCorrection.interleaved(
            Self.dataCodewords(bytes, version: version, correction),
            version: version,
            correction: correction
        )
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(codewords)
        var best: (mask: Int, score: Int, matrix: QRMatrix)?
        for mask in 0..<8 {
            var candidate = matrix
            candidate.applyMask(mask)
            candidate.drawFormatBits(correction: correction, mask: mask)
            let score = candidate.penalty()
            if best == nil || score < best?.score ?? .max { best = (mask, score, candidate) }
        }
        let chosen = best ?? (0, 0, matrix)
        self.version = version
        self.correction = correction
        self.mask = chosen.mask
        size = chosen.matrix.size
        modules = chosen.matrix.dark
    }

    /// The most bytes a code of this version and level holds in byte mode.
    static func capacity(version: Int, _ correction: Correction) -> Int {
        let bits = QRTables.dataCodewords(version: version, correction) * 8 - 4 - countBits(version)
        return bits / 8
    }

    static func fits(_ count: Int, version: Int, _ correction: Correction) -> Bool {
        count <= capacity(version: version, correction)
    }

    /// How many bits give the byte count: 8 up to version 9, 16 from version 10.
    static func countBits(_ version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Mode, count, the bytes, a terminator and the standard's padding, as codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int, _ correction: Correction) -> [UInt8] {
        var bits = QRBits()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = QRTables.dataCodewords(version: version, correction) * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }
}

/// Bits appended most significant first, then read out as bytes.
struct QRBits {
    private(set) var values: [Bool] = []
    var count: Int { values.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { values.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: values.count, by: 8).map { start in
            values[start..<min(start + 8, values.count)].enumerated().reduce(UInt8(0)) { byte, bit in
                bit.element ? byte | (0x80 >> UInt8(bit.offset)) : byte
            }
        }
    }
}
