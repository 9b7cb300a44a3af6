import Hummingbird

/// The problems in files that stop a preview page: thrown by the page, shown in its place.
struct PreviewProblems: Error {
    var what: String
    var lines: [String]
}

/// Shows the problems that stop a page in its place, with the messages `waymark validate` gives.
/// Not an error page: the preview is working, and the files need fixing (422, content that
/// cannot be used as it is).
struct PreviewProblemsMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let pages: Pages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problems as PreviewProblems {
            return pages.render(
                "preview-problems",
                PreviewProblemsModel(what: problems.what, lines: problems.lines),
                title: "Problems to fix",
                context: context,
                status: .unprocessableContent
            )
        }
    }
}

/// Every preview page's forms carry the preview's token (error pages' too): there is no
/// session, so the token rides where anonymous forms' tokens do.
struct PreviewTokenMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let token: String

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.anonymousToken = token
        return try await next(request, context)
    }
}

