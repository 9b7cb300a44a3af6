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
    /// A session ends this long after signing in, however much it is used.
    let lifetime: TimeInterval
    /// A session not used for this long ends.
    let idleTimeout: TimeInterval
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.sessionCookie]?.value, Tokens.looksValid(token) {
            let now = now()
            let tokenHash = Tokens.hash(token)
            let session = try await store.session(tokenHash: tokenHash, at: now)
            if let session {
                // Each use moves the idle end on, never past the absolute end. Written only when
                // it moves by an eighth of the idle time (15 minutes of the usual 2 hours; a
                // minute at least): a write is a wait for the disk, and at once a minute a trainee
                // taking a check wrote on every other page. A session left alone therefore ends
                // between seven eighths of the idle time and all of it after its last page.
                let end = min(session.createdAt.addingTimeInterval(lifetime), now.addingTimeInterval(idleTimeout))
                if end.timeIntervalSince(session.expiresAt) > max(60, idleTimeout / 8) {
                    try await store.extendSession(tokenHash: tokenHash, expiresAt: end)
                }
            }
            context.session = session
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
