/// A small deflate compressor (RFC 1951) with the fixed Huffman codes, for PNG image data.
///
/// Waymark draws flat pictures (a QR code, a badge of black words on white) whose rows repeat
/// the pixel before them or the row above. So the only matches it looks for are those two: the
/// byte before (distance 1) and the same place one row up (distance `stride`). That is enough
/// to shrink an 800 × 800 badge from 640 kB of stored pixels to a few kilobytes, without a
/// compression library.
enum Deflate {
    /// A zlib stream (RFC 1950) of one fixed-Huffman deflate block.
    static func zlib(_ bytes: [UInt8], stride: Int) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // the final block
        bits.write(1, count: 2)  // compressed with the fixed codes
        var index = 0
        while index < bytes.count {
            let (length, distance) = longestMatch(in: bytes, at: index, stride: stride)
            if length >= 3 {
                bits.writeLength(length)
                bits.writeDistance(distance)
                index += length
            } else {
                bits.writeLiteral(Int(bytes[index]))
                index += 1
            }
        }
        bits.writeLiteral(256)  // end of block
        return [0x78, 0x01] + bits.finished() + PNGImage.bigEndian(adler32(bytes))
    }

    /// The longer of the two matches Waymark's pictures have, at most 258 bytes.
    static func longestMatch(in bytes: [UInt8], at index: Int, stride: Int) -> (length: Int, distance: Int) {
        var best = (length: 0, distance: 0)
        for distance in [1, stride] where distance >= 1 && distance <= 32_768 && distance <= index {
            var length = 0
            let most = min(258, bytes.count - index)
            while length < most && bytes[index + length] == bytes[index + length - distance] { length += 1 }
            if length > best.length { best = (length, distance) }
        }
        return best
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    /// The first length of each length code (257...285) and how many extra bits follow it.
    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// The first distance of each distance code (0...29) and its extra bits.
    static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
        16385, 24577,
    ]
    static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Bits packed from the least significant end, as deflate wants them.
    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var count = 0

        mutating func write(_ value: Int, count bitCount: Int) {
            buffer |= UInt32(truncatingIfNeeded: value & ((1 << bitCount) - 1)) << UInt32(count)
            count += bitCount
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                count -= 8
            }
        }

        /// A Huffman code goes most significant bit first.
        mutating func writeCode(_ code: Int, length: Int) {
            var reversed = 0
            for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            write(reversed, count: length)
        }

        /// A literal byte or a length code, in the fixed code of RFC 1951 §3.2.6.
        mutating func writeLiteral(_ symbol: Int) {
            switch symbol {
            case 0...143: writeCode(0x30 + symbol, length: 8)
            case 144...255: writeCode(0x190 + symbol - 144, length: 9)
            case 256...279: writeCode(symbol - 256, length: 7)
            default: writeCode(0xC0 + symbol - 280, length: 8)
            }
        }

        mutating func writeLength(_ length: Int) {
            let code = (Deflate.lengthBases.lastIndex { $0 <= length }) ?? 0
            writeLiteral(257 + code)
            write(length - Deflate.lengthBases[code], count: Deflate.lengthExtraBits[code])
        }

        mutating func writeDistance(_ distance: Int) {
            let code = (Deflate.distanceBases.lastIndex { $0 <= distance }) ?? 0
            writeCode(code, length: 5)
            write(distance - Deflate.distanceBases[code], count: Deflate.distanceExtraBits[code])
        }

        mutating func finished() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
            buffer = 0
            count = 0
            return bytes
        }
    }
}
