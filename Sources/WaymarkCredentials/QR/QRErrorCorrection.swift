/// Reed-Solomon error correction over GF(256) (polynomial 0x11D), and the interleaving of the
/// blocks, as a QR code's codewords are laid out.
enum QRErrorCorrection {
    /// The data split into blocks, each followed by its error correction, read out column by
    /// column across the blocks.
    static func interleaved(_ data: [UInt8], version: Int, correction: QRCode.Correction) -> [UInt8] {
        let blockCount = QRTables.blocks(version: version, correction)
        let correctionLength = QRTables.correctionPerBlock(version: version, correction)
        let total = QRTables.totalCodewords(version: version)
        let shortBlocks = blockCount - total % blockCount
        let shortLength = total / blockCount
        let divisor = generator(degree: correctionLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength - correctionLength + (index < shortBlocks ? 0 : 1)
            var block = Array(data[start..<min(start + length, data.count)])
            start += length
            let check = remainder(block, divisor: divisor)
            if index < shortBlocks { block.append(0) }  // a gap, skipped below, so columns line up
            blocks.append(block + check)
        }
        var result: [UInt8] = []
        for column in 0..<(blocks.first?.count ?? 0) {
            for (index, block) in blocks.enumerated() where column != shortLength - correctionLength || index >= shortBlocks {
                result.append(block[column])
            }
        }
        return result
    }

    /// The generator polynomial of the given degree, highest power first, its leading 1 left out.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        guard degree > 0 else { return result }
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in result.indices {
                result[index] = multiply(result[index], root)
                if index + 1 < result.count { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ (result.first ?? 0)
            result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }

    /// Multiplication in GF(256) modulo x^8 + x^4 + x^3 + x^2 + 1.
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= ((Int(y) >> bit) & 1) * Int(x)
        }
        return UInt8(truncatingIfNeeded: product)
    }
}
