import Foundation
import Hummingbird
import WaymarkStore

/// A form posted twice (a double click, a retry after a timeout, the back button) is acted on
/// once, whichever server each copy reaches. Every signed-in form's token carries a value made
/// fresh for that page (`<session token>.<nonce>`), so the two copies of one form have the same
/// key and two different forms never do. The first copy claims the key in the store; a repeat
/// waits for the first to finish and is sent where the first went.
enum FormSubmissions {
    /// How long a repeat waits for the first copy before saying it is still being saved.
    static let patience: Duration = .seconds(5)

    /// The value of a signed-in form's `csrf` field: the session's token and a fresh nonce.
    static func formToken(session token: String) -> String {
        token + "." + Tokens.random().prefix(16)
    }

    /// Splits a sent `csrf` field into the session's token and the page's nonce (if any).
    static func split(_ sent: String) -> (token: Substring, nonce: Substring?) {
        guard let dot = sent.lastIndex(of: ".") else { return (sent[...], nil) }
        return (sent[..<dot], sent[sent.index(after: dot)...])
    }

    /// The key of one posted form: who sent it, where, and exactly what (the nonce included).
    static func key(personID: String, path: String, body: String) -> String {
        Tokens.hash(personID + "\n" + path + "\n" + body)
    }

    /// Runs `handler` for the first copy of a form; a repeat gets the first copy's outcome.
    static func once<Store: WebStore>(
        key: String,
        personID: String,
        path: String,
        store: Store,
        now: @Sendable () -> Date,
        still: () -> Response,
        _ handler: () async throws -> Response
    ) async throws -> Response {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while true {
            switch try await store.claimSubmission(key: key, personID: personID, at: now()) {
            case .first:
                let response: Response
                do {
                    response = try await handler()
                } catch {
                    // Nothing was kept, so sending it again must work.
                    try? await store.releaseSubmission(key: key)
                    throw error
                }
                if let location = outcome(of: response, path: path) {
                    try? await store.completeSubmission(key: key, location: location)
                } else {
                    try? await store.releaseSubmission(key: key)
                }
                return response
            case .repeated(let location?):
                return .redirect(to: location, type: .normal)
            case .repeated(nil):
                // The first copy is still being worked on (on this server or another).
                guard clock.now < deadline else { return still() }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Where a repeat of a finished form should go: where the first was sent, or back to the
    /// page it came from. Nil for a refused form (the person corrects it and sends it again).
    static func outcome(of response: Response, path: String) -> String? {
        switch response.status.code {
        case 300..<400: response.headers[.location]
        case 200..<300: path
        default: nil
        }
    }
}

/// Acts once on a signed-in form sent twice (see `FormSubmissions`); after `FormTokenMiddleware`,
/// which has read the form and checked its token.
struct RepeatedFormMiddleware<Store: WaymarkStore>: RouterMiddleware {
    typealias Context = WebContext
    let store: Store
    let pages: Pages
    let now: @Sendable () -> Date

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard let person = context.person, let sent = context.form["csrf"], FormSubmissions.split(sent).nonce != nil else {
            return try await next(request, context)
        }
        let path = request.uri.path
        return try await FormSubmissions.once(
            key: FormSubmissions.key(personID: person.id, path: path, body: context.formText),
            personID: person.id,
            path: path,
            store: store,
            now: now,
            still: {
                pages.render(
                    "message",
                    Web<Store>.MessageModel(
                        heading: "We are still saving this",
                        text: "You sent this form twice. We are still saving the first one. Wait a moment, then look at the page before you send it again."
                    ),
                    title: "Still saving",
                    context: context,
                    status: .conflict
                )
            }
        ) { try await next(request, context) }
    }
}
