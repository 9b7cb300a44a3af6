import Foundation
import Hummingbird

/// The secret a scraper sends to read `/metrics` on the site's own port
/// (`Authorization: Bearer TOKEN`), and what a usable one looks like.
public enum MetricsToken {
    /// Whether the request carries `token`. Both sides are hashed first, so the comparison takes
    /// the same time whatever was sent, even its length.
    static func allows(_ request: Request, token: String) -> Bool {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return false }
        let sent = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return Tokens.same(Tokens.hash(sent), Tokens.hash(token))
    }

    /// Why `token` will not do, or nil: long enough not to be guessed, and only characters a
    /// header carries as they are.
    public static func problem(_ token: String) -> String? {
        if token.utf8.count < 24 { return "The metrics token must be at least 24 characters long (for example, from 'openssl rand -hex 32')." }
        if token.utf8.count > 256 { return "The metrics token must be at most 256 characters long." }
        guard token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return "The metrics token may hold only letters, digits and punctuation: no spaces or other characters."
        }
        return nil
    }
}
