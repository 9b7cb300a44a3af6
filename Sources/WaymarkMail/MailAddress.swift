/// The checks an email address must pass before it goes into an SMTP command or a header.
///
/// Deliberately narrower than RFC 5321 allows (no quoted local parts, no international
/// addresses, which need the server to offer SMTPUTF8): an address that passes can go between
/// angle brackets in `RCPT TO:<...>` and a `To:` header as it is, with nothing to escape.
enum MailAddress {
    /// Why `address` cannot be used, in words, or nil when it can.
    static func problem(_ address: String) -> String? {
        guard !address.isEmpty else { return "it is empty" }
        guard address.utf8.count <= 254 else { return "it is longer than 254 characters" }
        guard address.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            return "it has letters outside plain ASCII, which this mail client cannot send to"
        }
        guard !address.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 || "<>()[],;:\\\"".unicodeScalars.contains($0) })
        else {
            return "it has a space, a line break or one of < > ( ) [ ] , ; : \\ \" in it"
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, !domain.isEmpty else {
            return "it needs one @ with a name before it and a domain after it, like name@example.org"
        }
        guard !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return "its domain is not a domain" }
        return nil
    }

    /// The part after the @ (the whole address when there is none).
    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? address
    }
}
