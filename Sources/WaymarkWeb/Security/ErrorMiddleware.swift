import Hummingbird
import Logging

/// Turns every error into a kind page; a refusal from the store or the domain gets the status
/// that says what it is (404, 409, 503), not a 500. What went wrong inside goes to the log (with the
/// request's id, and the route's pattern rather than its path, which may hold a link's token),
/// not the page; a database that failed is counted in the metrics.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let pages: Pages
    let metrics: WebMetrics

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let response = try await answer(request, context: context, next: next)
        return request.method == .head ? response.withoutBody() : response
    }

    private func answer(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            if case .internalProblem(let detail) = error {
                context.logger.error("\(request.method) \(RouteLabel.of(context)): \(detail)")
            }
            return page(for: error, context: context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            return page(for: .notFound, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return page(for: .tooLarge, context: context)
        } catch {
            metrics.noteIfDatabaseFailed(error)
            guard let refusal = WebError(refusal: error) else {
                context.logger.error("\(request.method) \(RouteLabel.of(context)): \(String(reflecting: error))")
                return page(for: .internalProblem(""), context: context)
            }
            // A refusal is an answer, not a fault of the server: a warning, with what the store said.
            context.logger.warning("\(request.method) \(RouteLabel.of(context)) refused: \(String(reflecting: error))")
            return page(for: refusal, context: context)
        }
    }

    func page(for error: WebError, context: WebContext) -> Response {
        var response = pages.render(
            "error",
            ErrorModel(heading: error.heading, explanation: error.explanation, home: context.person.map(Navigation.home) ?? "/"),
            title: error.heading,
            context: context,
            status: error.status
        )
        // The rest of an oversized body is not wanted: closing the connection saves reading it.
        if case .tooLarge = error { response.headers[.connection] = "close" }
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    struct ErrorModel {
        var heading: String
        var explanation: String
        var home: String
    }
}
