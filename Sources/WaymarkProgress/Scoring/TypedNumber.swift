import Foundation

/// A number as a trainee types it: spaces around it are ignored and a decimal comma reads as a
/// point ("2,5" is 2.5). The numerical question and number blanks both read numbers here, so the
/// same typing is marked the same way in both.
public enum TypedNumber {
    /// Nil when the text is not a finite number.
    public static func parse(_ typed: String) -> Double? {
        let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let value = Double(trimmed.replacingOccurrences(of: ",", with: ".")), value.isFinite else { return nil }
        return value
    }
}
