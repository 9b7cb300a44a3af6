import Hummingbird

/// Reads a posted form and lets it through only with the token of the page it came from: the
/// session's (signed in) or the form cookie's (anonymous forms). Otherwise nothing runs. The
/// form, read once here, travels on in the context.
struct FormTokenMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let body = try await RequestBody.collect(request, context)
        let form = FormFields(bytes: Array(body.readableBytesView))
        // Read whole or not at all: a broken escape or bytes that are not text would
        // otherwise be kept cut short or changed without a word.
        guard !form.isUnreadable else { throw WebError.unreadableForm }
        let expected = context.session?.csrfToken ?? context.anonymousToken
        guard let expected, !expected.isEmpty, let sent = form["csrf"] else { throw WebError.formExpired }
        guard Tokens.same(String(FormSubmissions.split(sent).token), expected) else { throw WebError.formExpired }
        var context = context
        context.form = form
        context.formText = String(buffer: body)
        return try await next(request, context)
    }
}
