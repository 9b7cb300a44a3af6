import HTTPTypes
import Hummingbird

/// Headers on every response: no inline scripts or styles are needed, nothing may frame a page,
/// browsers must not guess content types, and other sites are not told where people came from.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A route that sets a stricter policy of its own (an SVG drawing's) keeps it.
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        for (name, value) in SecurityHeaders.more { response.headers[name] = value }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

enum SecurityHeaders {
    /// Headers HTTPTypes has no constant for; the names are fixed and valid. Made once, not on
    /// every response.
    static let more: [(HTTPField.Name, String)] = [("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY")].compactMap { name, value in
        HTTPField.Name(name).map { ($0, value) }
    }
}
