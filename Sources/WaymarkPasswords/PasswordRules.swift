import Foundation

/// The rules a new password must meet, after NIST SP 800-63B: long enough, not one that
/// guessers try first (a shipped list of about 20,000 common and breached passwords), and not
/// made from the person's own name or email. No rules about mixing symbols and capitals: they
/// make passwords harder to remember, not harder to guess.
public enum PasswordRules {
    public static let minimumLength = 12
    /// bcrypt reads no further than this many bytes.
    public static let maximumBytes = 72

    /// What is wrong with a new password, in words for the person choosing it; nil if it is fine.
    /// `name` and `email` are the person's own.
    public static func problem(with password: String, name: String = "", email: String = "") -> String? {
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters. A short sentence you will remember works well, like \"my dog likes cold toast\"."
        }
        if password.utf8.count > maximumBytes { return "Use at most \(maximumBytes) letters and numbers (the rest would be ignored)." }
        let lowered = password.lowercased()
        if Set(lowered).count < 5 { return "This password uses the same few characters again and again. Try a short sentence instead." }
        if isARun(lowered) { return "This password is a row of keys or a count, like 123456789012. Try a short sentence instead." }
        if isCommon(lowered) {
            return "This password is one that many people use, so it is easy to guess. Try a short sentence only you would think of."
        }
        if containsOwnDetails(lowered, name: name, email: email) {
            return "Do not use your name or email address in your password: they are the first thing a guesser tries."
        }
        return nil
    }

    /// A count or a row of the keyboard, forwards or backwards ("123456789012", "qwertyuiopas").
    static func isARun(_ lowered: String) -> Bool {
        let runs = ["01234567890123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm"]
        return runs.contains { $0.contains(lowered) || String($0.reversed()).contains(lowered) }
    }

    /// On the list as it is, or once the numbers and symbols around it are taken away
    /// ("password1234", "!!iloveyou2026").
    static func isCommon(_ lowered: String) -> Bool {
        if common.contains(lowered) { return true }
        let core = lowered.trimmingCharacters(in: CharacterSet.letters.inverted)
        return core.count >= 3 && common.contains(core)
    }

    /// The email's part before the @, the whole name, or any word of the name with 4 or more
    /// letters, compared without spaces, dots and dashes.
    static func containsOwnDetails(_ lowered: String, name: String, email: String) -> Bool {
        let squashed = squash(lowered)
        var details = [squash(email.lowercased()), squash(String(email.lowercased().split(separator: "@").first ?? "")), squash(name.lowercased())]
        details += name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 4 }
        return details.contains { $0.count >= 3 && squashed.contains($0) }
    }

    private static func squash(_ text: String) -> String {
        String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The shipped list (Resources/common-passwords.txt; Scripts/update_common_passwords.py
    /// writes it): a header of comments, an empty line, then one password a line.
    static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8),
            let start = text.range(of: "\n\n")
        else { return [] }
        return Set(text[start.upperBound...].split(separator: "\n").map(String.init))
    }()

    /// How many passwords the shipped list holds (none means the list is missing from the build).
    public static var commonCount: Int { common.count }
}
