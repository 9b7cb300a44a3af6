/// Fits the badge's words into its picture: each block (the organisation, the certificate, the
/// holder...) is wrapped at spaces, and made smaller step by step, largest first, until the
/// whole fits. A word too long for a line is broken between letters rather than cut off.
///
/// Sizes are in `scale` steps: a glyph's dot is `scale` pixels square, and a line is
/// `BitmapFont.lineRows × scale` pixels tall. Widths come from `measure` (columns at scale 1),
/// so the PNG (Waymark's pixel font) and the SVG (an estimate of a real font) share the layout.
struct BadgeLayout {
    typealias Problem = BadgeProblem

    struct Block {
        var text: String
        var largest: Int
        var smallest: Int
        var mostLines: Int
        /// Space after the block, in pixels.
        var gapAfter: Int
    }

    struct Line: Equatable {
        var block: Int
        var text: String
        var scale: Int
        /// The top of the line's cell.
        var top: Int
    }

    var lines: [Line]
    /// Where each block's last line ends (its bottom), by block.
    var bottoms: [Int]

    init(_ blocks: [Block], width: Int, top: Int, height: Int, measure: (String) -> Int?) throws(BadgeProblem) {
        var scales = blocks.map(\.largest)
        var wrapped: [[String]] = []
        while true {
            wrapped = []
            for (index, block) in blocks.enumerated() {
                var lines = try Self.wrap(block.text, columns: width / max(1, scales[index]), measure: measure)
                while lines.count > block.mostLines && scales[index] > block.smallest {
                    scales[index] -= 1
                    lines = try Self.wrap(block.text, columns: width / max(1, scales[index]), measure: measure)
                }
                wrapped.append(lines)
            }
            let total = Self.height(wrapped, scales, blocks)
            if total <= height { break }
            let shrinkable = blocks.indices.filter { scales[$0] > blocks[$0].smallest }
            guard let largest = shrinkable.max(by: { scales[$0] < scales[$1] }) else { throw .doesNotFit }
            scales[largest] -= 1
        }
        var y = top + (height - Self.height(wrapped, scales, blocks)) / 2
        var placed: [Line] = []
        var bottoms: [Int] = []
        for (index, lines) in wrapped.enumerated() {
            for text in lines {
                placed.append(Line(block: index, text: text, scale: scales[index], top: y))
                y += BitmapFont.lineRows * scales[index]
            }
            bottoms.append(y)
            y += blocks[index].gapAfter
        }
        self.lines = placed
        self.bottoms = bottoms
    }

    static func height(_ wrapped: [[String]], _ scales: [Int], _ blocks: [Block]) -> Int {
        var total = 0
        for index in blocks.indices {
            total += wrapped[index].count * BitmapFont.lineRows * scales[index]
            if index < blocks.count - 1 { total += blocks[index].gapAfter }
        }
        return total
    }

    /// `text` in lines of at most `columns`, broken at spaces, after a hyphen, or inside a word
    /// too long for a line.
    static func wrap(_ text: String, columns: Int, measure: (String) -> Int?) throws(Problem) -> [String] {
        func width(_ piece: String) throws(Problem) -> Int {
            guard let width = measure(piece) else { throw .cannotDraw(BitmapFont.undrawable(in: piece)) }
            return width
        }
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            for (index, piece) in pieces(of: word).enumerated() {
                let joined = current.isEmpty ? piece : current + (index == 0 ? " " : "") + piece
                if try width(joined) <= columns {
                    current = joined
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                for character in piece {
                    let longer = current + String(character)
                    if !current.isEmpty, try width(longer) > columns {
                        lines.append(current)
                        current = String(character)
                    } else {
                        current = longer
                    }
                }
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A word cut after each hyphen, the hyphens kept: "Bartholomew-Featherstonehaugh" is
    /// "Bartholomew-" and "Featherstonehaugh".
    static func pieces(of word: String) -> [String] {
        var pieces: [String] = []
        var piece = ""
        for character in word {
            piece.append(character)
            if character == "-" || character == "‐" {
                pieces.append(piece)
                piece = ""
            }
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}

/// Why a badge picture cannot be drawn.
public enum BadgeProblem: Error, Equatable, Sendable {
    /// Characters Waymark's pixel font cannot draw (the PNG only: the SVG uses real fonts).
    case cannotDraw([Character])
    /// Even at the smallest sizes the words do not fit.
    case doesNotFit
}
