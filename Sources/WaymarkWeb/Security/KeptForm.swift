import Foundation
import HTTPTypes
import Hummingbird

/// A form sent after its session had ended, kept so that what the person typed is not lost.
///
/// Nothing in it is acted on. It rides along, hidden, in the sign-in form; once the person has
/// signed in they see what they wrote and choose to send it again, with their new session's
/// token. So a reflection written over an hour survives the session ending under it.
struct KeptForm: Sendable {
    struct Entry: Sendable {
        var name: String
        var value: String
    }

    /// Where the form was sent.
    var path: String
    var entries: [Entry]

    /// The names the sign-in form gives kept fields, so they cannot be taken for its own.
    static let prefix = "kept:"
    static let pathField = "kept-path"

    /// The words a person wrote, to show them before they send it again: values with a space in
    /// them, as choices and ids never have one.
    var writing: [String] {
        entries.map(\.value).filter { value in
            value.contains(where: \.isWhitespace) && !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// A form as it was sent (its token left out: it belonged to the ended session).
    init?(path: String, form: FormFields) {
        let entries = form.pairs.filter { $0.name != "csrf" }.map { Entry(name: $0.name, value: $0.value) }
        guard !entries.isEmpty else { return nil }
        self.path = path
        self.entries = entries
    }

    /// A kept form as the sign-in form carried it back; nil when it carried none.
    init?(signInForm form: FormFields, safePath: (String?) -> String?) {
        guard let path = safePath(form[Self.pathField]) else { return nil }
        let entries = form.pairs.compactMap { pair -> Entry? in
            guard pair.name.hasPrefix(Self.prefix) else { return nil }
            return Entry(name: String(pair.name.dropFirst(Self.prefix.count)), value: pair.value)
        }
        guard !entries.isEmpty else { return nil }
        self.path = path
        self.entries = entries
    }

    /// Only a form this site's own page sent is kept: another site can make a browser post to
    /// Waymark, and its words must not come back to the person as if they had written them.
    /// Browsers say where a form came from (`Sec-Fetch-Site`, or else `Origin`); a browser too
    /// old to say either is believed.
    static func cameFromThisSite(_ request: Request) -> Bool {
        if let name = HTTPField.Name("Sec-Fetch-Site"), let site = request.headers[name] {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[.origin] else { return true }
        guard let authority = request.head.authority, let url = URL(string: origin), let host = url.host else { return false }
        return authority == (url.port.map { "\(host):\($0)" } ?? host)
    }
}
