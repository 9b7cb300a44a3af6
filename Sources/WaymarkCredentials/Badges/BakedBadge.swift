import Foundation

/// What a badge picture says: plain words, nothing about the holder beyond the certificate.
public struct BadgeContent: Sendable, Hashable {
    /// The issuing organisation.
    public var organisation: String
    /// The certificate's title.
    public var title: String
    /// The holder's name, exactly as on the certificate.
    public var holder: String
    /// When it was issued, as people read it: "Issued 26 November 2026".
    public var issued: String
    /// The certificate code.
    public var code: String
    /// Where to check it, for people: "mentors.example.org/verify".
    public var checkAt: String

    public init(organisation: String, title: String, holder: String, issued: String, code: String, checkAt: String) {
        self.organisation = organisation
        self.title = title
        self.holder = holder
        self.issued = issued
        self.code = code
        self.checkAt = checkAt
    }

    /// The words in order, as one sentence: the SVG's title, for screen readers.
    public var sentence: String { "\(title), awarded to \(holder) by \(organisation). \(issued). Code \(code)." }
}

/// An Open Badges 3.0 baked badge (OB 3.0 §5.3, "Baked Badge"): a picture of the certificate
/// with the signed credential inside, which backpacks, wallets and verifiers read out of it.
///
/// - PNG: one `iTXt` chunk with keyword `openbadgecredential`, uncompressed, empty language
///   tag and translated keyword, whose text is the VC-JWT (compact JWS).
/// - SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the `<svg>` tag and,
///   directly after it, one `<openbadges:credential verify="JWS"/>` element.
public enum BakedBadge {
    /// The PNG keyword and the SVG namespace of Open Badges 3.0 baking.
    public static let pngKeyword = "openbadgecredential"
    public static let svgNamespace = "https://purl.imsglobal.org/ob/v3p0"
    /// The picture's size in pixels: square, and its words readable when shown 400 pixels wide.
    static let side = 800
    static let margin = 76
    static let ink: UInt8 = 0x1A
    static let grey: UInt8 = 0x55

    /// Why the PNG cannot be drawn (characters the pixel font lacks, or words too long to
    /// fit), or nil when it can. The SVG, in a real font, can always be made.
    public static func pngProblem(_ content: BadgeContent) -> BadgeProblem? {
        do {
            _ = try layout(content, measure: BitmapFont.width(of:))
            return nil
        } catch {
            return error
        }
    }

    /// The badge as a PNG with `credential` (a compact JWS) baked in.
    public static func png(_ content: BadgeContent, credential: String) throws(BadgeProblem) -> [UInt8] {
        let layout = try layout(content, measure: BitmapFont.width(of:))
        var raster = Raster(width: side, height: side)
        raster.frame(inset: 20, thickness: 6, shade: ink)
        raster.frame(inset: 36, thickness: 2, shade: ink)
        for line in layout.lines {
            let width = (BitmapFont.width(of: line.text) ?? 0) * line.scale
            BitmapFont.draw(line.text, into: &raster, x: (side - width) / 2, y: line.top, scale: line.scale, shade: shade(line.block))
        }
        let rule = ruleY(layout)
        raster.fill(x: (side - 160) / 2, y: rule, width: 160, height: 3, shade: ink)
        guard let image = raster.png, let text = PNGImage.InternationalText(keyword: pngKeyword, text: credential) else {
            throw .doesNotFit
        }
        return image.data(texts: [text])
    }

    /// The badge as an SVG file with `credential` (a compact JWS) baked in. Every word is real,
    /// escaped `<text>`, so any script a name is written in shows in the viewer's own fonts.
    public static func svg(_ content: BadgeContent, credential: String) throws(BadgeProblem) -> String {
        let svg = try picture(content, credential: credential)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\(svg)\n"
    }

    /// The same picture without a credential, to show inside a page (as an inline `<svg>`).
    public static func preview(_ content: BadgeContent) -> String? {
        try? picture(content, credential: nil)
    }

    /// The `<svg>` element; the credential element, when there is one, comes straight after
    /// the opening tag, as the baking rules ask.
    static func picture(_ content: BadgeContent, credential: String?) throws(BadgeProblem) -> String {
        // Real fonts stay readable a step smaller than pixels, and the estimate is generous.
        let layout = try layout(content, measure: estimatedWidth, smallest: 2)
        var words = ""
        for line in layout.lines {
            let baseline = line.top + BitmapFont.baselineRow * line.scale
            let weight = line.block == 1 || line.block == 3 ? " font-weight=\"bold\"" : ""
            let colour = shade(line.block) == ink ? "#1a1a1a" : "#555555"
            words +=
                "<text x=\"\(side / 2)\" y=\"\(baseline)\" font-size=\(quoted(line.scale * 10))\(weight) fill=\"\(colour)\">\(XMLText.escaped(line.text))</text>\n"
        }
        let rule = ruleY(layout)
        let baked = credential.map { "\n<openbadges:credential verify=\"\(XMLText.escaped($0))\"></openbadges:credential>" } ?? ""
        let namespace = credential == nil ? "" : " xmlns:openbadges=\"\(svgNamespace)\""
        return """
            <svg xmlns="http://www.w3.org/2000/svg"\(namespace) width="\(side)" height="\(side)" viewBox="0 0 \(side) \(side)" role="img" aria-labelledby="badge-title">\(baked)
            <title id="badge-title">\(XMLText.escaped(content.sentence))</title>
            <rect width="\(side)" height="\(side)" fill="#ffffff"/>
            <rect x="23" y="23" width="\(side - 46)" height="\(side - 46)" fill="none" stroke="#1a1a1a" stroke-width="6"/>
            <rect x="37" y="37" width="\(side - 74)" height="\(side - 74)" fill="none" stroke="#1a1a1a" stroke-width="2"/>
            <rect x="\((side - 160) / 2)" y="\(rule)" width="160" height="3" fill="#1a1a1a"/>
            <g font-family="Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif" text-anchor="middle">
            \(words)</g>
            </svg>
            """
    }

    /// The blocks in order: organisation, (a rule), certificate, "Awarded to", holder, date,
    /// code, where to check it. The holder and the certificate are the largest.
    static func layout(_ content: BadgeContent, measure: (String) -> Int?, smallest: Int = 3) throws(BadgeProblem) -> BadgeLayout {
        var blocks = [
            BadgeLayout.Block(text: content.organisation, largest: 4, smallest: 3, mostLines: 2, gapAfter: 52),
            BadgeLayout.Block(text: content.title, largest: 6, smallest: 3, mostLines: 3, gapAfter: 30),
            BadgeLayout.Block(text: "Awarded to", largest: 3, smallest: 3, mostLines: 1, gapAfter: 10),
            BadgeLayout.Block(text: content.holder, largest: 7, smallest: 3, mostLines: 4, gapAfter: 30),
            BadgeLayout.Block(text: content.issued, largest: 4, smallest: 3, mostLines: 2, gapAfter: 36),
            BadgeLayout.Block(text: "Code \(content.code)", largest: 3, smallest: 3, mostLines: 1, gapAfter: 6),
            BadgeLayout.Block(text: "Check it at \(content.checkAt)", largest: 3, smallest: 3, mostLines: 3, gapAfter: 0),
        ]
        for index in blocks.indices { blocks[index].smallest = min(blocks[index].smallest, smallest) }
        return try BadgeLayout(blocks, width: side - 2 * margin, top: margin, height: side - 2 * margin, measure: measure)
    }

    /// Halfway down the gap after the organisation's name.
    static func ruleY(_ layout: BadgeLayout) -> Int { (layout.bottoms.first ?? margin) + 24 }

    static func shade(_ block: Int) -> UInt8 { [2, 5, 6].contains(block) ? grey : ink }

    static func quoted(_ value: Int) -> String { "\"\(value)\"" }

    /// A generous estimate of a line's width in a common sans-serif font at font-size 10
    /// (scale 1): wide East Asian characters a full em, capitals and figures about 0.72 em,
    /// narrow letters and marks of punctuation less, everything else 0.62 em.
    static func estimatedWidth(_ text: String) -> Int? {
        var tenths = 0.0
        for character in text {
            let scalar = character.unicodeScalars.first?.value ?? 0
            switch character {
            case _ where (0x1100...0x115F).contains(scalar) || (0x2E80...0xA4CF).contains(scalar) || (0xAC00...0xD7A3).contains(scalar)
                || (0xF900...0xFAFF).contains(scalar) || (0xFF00...0xFF60).contains(scalar):
                tenths += 10
            case "i", "l", "j", "'", "’", ".", ",", ":", ";", "!", "|", " ": tenths += 3.2
            case "m", "w", "M", "W", "@", "æ", "Æ", "œ", "Œ": tenths += 9.2
            case _ where character.isUppercase || character.isNumber: tenths += 7.2
            default: tenths += 6.2
            }
        }
        return Int(tenths.rounded(.up))
    }
}
