import Crypto
import Foundation
import Hummingbird

/// Whether a client already holds the current copy of what it asks for (RFC 9110 section 13):
/// then it is told so with a 304 and no body, which spares an old phone on a slow connection
/// the download.
enum ConditionalRequest {
    /// True when `If-None-Match` names `etag` (compared weakly, as a GET allows), or, when no
    /// `If-None-Match` was sent, when `If-Modified-Since` is no earlier than `modified`.
    static func isCurrent(_ request: Request, etag: String, modified: Date?) -> Bool {
        if let sent = request.headers[.ifNoneMatch] {
            let ours = opaque(etag)
            return sent.split(separator: ",").contains { tag in
                let tag = tag.trimmingCharacters(in: .whitespaces)
                return tag == "*" || opaque(tag) == ours
            }
        }
        guard let modified, let sent = request.headers[.ifModifiedSince], let since = HTTPDates.parse(sent) else { return false }
        // Header dates are whole seconds: a file changed within the second it was sent is as new.
        return modified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// A strong ETag from the bytes themselves, so every server gives the same one for the same bytes.
    static func tag(of bytes: some DataProtocol) -> String {
        "\"" + SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// The answer for a client whose copy is current: the same validators and caching headers, no body.
    static func notModified(_ headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentLength] = nil
        headers[.contentType] = nil
        return Response(status: .notModified, headers: headers)
    }

    /// The tag without its weak marker, for the weak comparison.
    private static func opaque(_ tag: String) -> Substring {
        tag.hasPrefix("W/") ? tag.dropFirst(2) : tag[...]
    }
}
