import Foundation

/// Draws text in Waymark's own pixel font (`BitmapFontGlyphs`). A glyph sits in a cell of
/// twelve rows: two for an accent over a capital and one to keep it apart, seven from cap
/// height to the baseline, two for descenders. Accented letters are their plain letter with the accent drawn on, so a
/// name is never drawn with a letter missing: what cannot be drawn is reported instead.
enum BitmapFont {
    /// Rows in a glyph's cell, and from one line's top to the next.
    static let cellRows = 12
    static let lineRows = 13
    /// The cell row a capital's top is on, and the rows from the cell's top to the baseline
    /// (for SVG text placed to match).
    static let capRow = 3
    static let baselineRow = 10

    /// A glyph ready to draw: its width in columns and its inked (row, column) dots.
    struct Shape: Equatable {
        var width: Int
        var dots: [Dot]
    }

    struct Dot: Equatable {
        var row: Int
        var column: Int
    }

    /// The shape of one character, or nil when the font cannot draw it.
    static func shape(of character: Character) -> Shape? {
        let character = BitmapFontGlyphs.sameAs[character] ?? character
        if let rows = BitmapFontGlyphs.letters[character] ?? BitmapFontGlyphs.figuresAndPunctuation[character] {
            return shape(rows, top: capRow, left: 0, width: rows.map(\.count).max() ?? 0)
        }
        // é is e and an acute accent; ç is c and a cedilla.
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let first = scalars.first, scalars.count > 1 else { return nil }
        var above: [String]?
        var below: [String]?
        for mark in scalars.dropFirst() {
            if let drawn = BitmapFontGlyphs.marksAbove[mark], above == nil {
                above = drawn
            } else if let drawn = BitmapFontGlyphs.marksBelow[mark], below == nil {
                below = drawn
            } else {
                return nil
            }
        }
        var base = Character(first)
        if above != nil, base == "i" { base = "ı" }
        if above != nil, base == "j" { base = "ȷ" }
        guard let rows = BitmapFontGlyphs.letters[base] else { return nil }
        let baseWidth = rows.map(\.count).max() ?? 0
        let width = max(baseWidth, above?.first?.count ?? 0, below?.first?.count ?? 0)
        var result = shape(rows, top: capRow, left: (width - baseWidth) / 2, width: width)
        if let above {
            // Over a capital or an ascender the accent goes above the letter; over a small
            // letter, lower, in the space above its x-height. A row of paper keeps it apart.
            let tall = rows.prefix(2).contains { $0.contains("#") }
            let markWidth = above.first?.count ?? 0
            result.dots += shape(above, top: tall ? 0 : capRow - 1, left: (width - markWidth) / 2, width: width).dots
        }
        if let below {
            let markWidth = below.first?.count ?? 0
            let left = scalars.contains("\u{0328}") ? width - markWidth : (width - markWidth) / 2
            result.dots += shape(below, top: capRow + 7, left: left, width: width).dots
        }
        return result
    }

    private static func shape(_ rows: [String], top: Int, left: Int, width: Int) -> Shape {
        var dots: [Dot] = []
        for (row, line) in rows.enumerated() {
            for (column, pixel) in line.enumerated() where pixel == "#" { dots.append(Dot(row: top + row, column: left + column)) }
        }
        return Shape(width: width, dots: dots)
    }

    /// The characters of `text` the font cannot draw, each once, in order.
    static func undrawable(in text: String) -> [Character] {
        var seen: [Character] = []
        for character in text where shape(of: character) == nil && !seen.contains(character) { seen.append(character) }
        return seen
    }

    /// The width of `text` in columns (one column between letters), or nil if a character
    /// cannot be drawn.
    static func width(of text: String) -> Int? {
        var total = 0
        for character in text {
            guard let shape = shape(of: character) else { return nil }
            total += shape.width + 1
        }
        return max(0, total - 1)
    }

    /// Draws `text` with its cell's top-left corner at (x, y), each dot `scale` pixels square.
    static func draw(_ text: String, into raster: inout Raster, x: Int, y: Int, scale: Int, shade: UInt8) {
        var left = x
        for character in text {
            guard let shape = shape(of: character) else { continue }
            for dot in shape.dots {
                raster.fill(x: left + dot.column * scale, y: y + dot.row * scale, width: scale, height: scale, shade: shade)
            }
            left += (shape.width + 1) * scale
        }
    }
}
