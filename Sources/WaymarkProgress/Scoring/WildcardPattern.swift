/// An accepted short answer where `*` matches any run of characters (including none).
/// Both sides are trimmed and have runs of whitespace folded to one space before comparing.
public struct WildcardPattern: Sendable, Hashable {
    private let pattern: [Character]
    private let caseSensitive: Bool

    public init(_ text: String, caseSensitive: Bool) {
        self.caseSensitive = caseSensitive
        self.pattern = Array(Self.normalised(text, caseSensitive: caseSensitive))
    }

    /// Whether the typed text matches the whole pattern.
    public func matches(_ typed: String) -> Bool {
        let text = Array(Self.normalised(typed, caseSensitive: caseSensitive))
        // Greedy match with backtracking to the last star: linear in practice, no recursion.
        var p = 0
        var t = 0
        var lastStar: Int?
        var resumeAt = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                lastStar = p
                resumeAt = t
                p += 1
            } else if let star = lastStar {
                p = star + 1
                resumeAt += 1
                t = resumeAt
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Trimmed, whitespace folded, and lower-cased unless case matters.
    static func normalised(_ text: String, caseSensitive: Bool) -> String {
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return caseSensitive ? folded : folded.lowercased()
    }
}
