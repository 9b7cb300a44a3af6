import Foundation
import Hummingbird
import WaymarkStore

/// Finds the signed-in session from its cookie, and gives anonymous visitors a form token.
struct SessionMiddleware<Store: WaymarkStore>: RouterMiddleware {
    typealias Context = WebContext
    static var sessionCookie: String { "waymark_session" }
    static var formCookie: String { "waymark_form" }

    let store: Store
    let secureCookies: Bool
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.sessionCookie]?.value, Tokens.looksValid(token) {
            context.session = try await store.session(tokenHash: Tokens.hash(token), at: now())
        }
        var issuedFormToken: String?
        if context.session == nil {
            if let token = request.cookies[Self.formCookie]?.value, Tokens.looksValid(token) {
                context.anonymousToken = token
            } else {
                let token = Tokens.random()
                context.anonymousToken = token
                issuedFormToken = token
            }
        }
        var response = try await next(request, context)
        if let issuedFormToken {
            response.setCookie(
                Cookie(name: Self.formCookie, value: issuedFormToken, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
            )
        }
        return response
    }
}
