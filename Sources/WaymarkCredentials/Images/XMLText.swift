/// Text made safe inside XML (an SVG's elements and attributes).
enum XMLText {
    /// `&`, `<`, `>` and both quotes as entities. Characters XML 1.0 does not allow (controls
    /// other than tab and new line, and the non-characters U+FFFE and U+FFFF) become U+FFFD,
    /// visibly replaced rather than quietly dropped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
