/// The standard's numbers for versions 1 to 10 at levels M and Q: how many codewords a code
/// holds, and how they split into error-correction blocks (ISO/IEC 18004, table 9).
enum QRTables {
    static let largestVersion = 10

    /// Error-correction codewords in each block, by version (index 0 unused).
    static func correctionPerBlock(version: Int, _ correction: QRCode.Correction) -> Int {
        switch correction {
        case .medium: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26][version]
        case .quartile: [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24][version]
        }
    }

    /// How many blocks the codewords split into, by version (index 0 unused).
    static func blocks(version: Int, _ correction: QRCode.Correction) -> Int {
        switch correction {
        case .medium: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5][version]
        case .quartile: [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8][version]
        }
    }

    /// Modules left for data and error correction once the function patterns are drawn.
    static func rawDataModules(version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            modules -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { modules -= 36 }
        }
        return modules
    }

    static func totalCodewords(version: Int) -> Int { rawDataModules(version: version) / 8 }

    static func dataCodewords(version: Int, _ correction: QRCode.Correction) -> Int {
        totalCodewords(version: version) - correctionPerBlock(version: version, correction) * blocks(version: version, correction)
    }

    /// Where alignment patterns' centres fall along each side.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let size = version * 4 + 17
        let step = (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var positions = [6]
        for index in 0..<(count - 1) { positions.insert(size - 7 - index * step, at: 1) }
        return positions
    }
}
