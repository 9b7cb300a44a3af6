import Foundation
import Hummingbird
import WaymarkStore

/// Lets through only the people a group of routes is for. Someone not signed in is sent to sign
/// in (and back afterwards); someone signed in without the role gets the kind 403 page. A form
/// sent after the session ended is kept, so the sign-in page can carry it through.
struct AccessMiddleware<Store: WaymarkStore>: RouterMiddleware {
    typealias Context = WebContext
    let access: Access
    let pages: Pages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        if access.allows(context.person) { return try await next(request, context) }
        guard context.person == nil else { throw WebError.forbidden }
        switch request.method {
        case .head:
            return .redirect(to: "/login", type: .normal)
        case .post:
            if request.uri.path != "/logout", KeptForm.cameFromThisSite(request),
                let kept = KeptForm(path: request.uri.path, form: FormFields(bytes: Array(try await RequestBody.collect(request, context).readableBytesView)))
            {
                // The session ended while the page was open: keep what was typed.
                return pages.render(
                    "login",
                    Web<Store>.LoginModel(keptPath: kept.path, kept: kept.entries),
                    title: "Sign in",
                    context: context,
                    status: .unauthorized
                )
            }
            return Self.signIn(then: "/")
        default:
            return Self.signIn(then: request.uri.path)
        }
    }

    /// The sign-in page, coming back to `next` afterwards.
    static func signIn(then next: String) -> Response {
        .redirect(to: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"])) ?? "/")", type: .normal)
    }
}
