import Foundation

/// LaTeX maths as question banks write it for MathJax or Moodle's TeX filter. Waymark has no
/// maths renderer, so such text reaches trainees as typed; the report says so for each question.
enum MathNotation {
    static let message =
        #"It uses LaTeX maths (\( … \), \[ … \] or $$ … $$), which Waymark shows as typed: trainees see the code, not the formula. Write it in words if that reads better."#

    /// The pairs of marks that open and close maths.
    private static let delimiters = [(#"\("#, #"\)"#), (#"\["#, #"\]"#), ("$$", "$$")]

    /// Whether `text` holds maths: an opening mark with its closing one after it.
    static func isUsed(in text: String) -> Bool {
        delimiters.contains { open, close in
            guard let start = text.range(of: open) else { return false }
            return text.range(of: close, range: start.upperBound..<text.endIndex) != nil
        }
    }
}
