import Foundation
import Hummingbird
import WaymarkProgress

/// Every trainee route that reads or writes their progress, so a test can walk them all.
final class ProgressRouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var specs: [(method: HTTPRequest.Method, path: String)] = []

    func add(_ method: HTTPRequest.Method, _ path: String) {
        lock.withLock { specs.append((method, path)) }
    }

    /// "GET /modules/:module" and so on, as registered.
    var routes: [String] { lock.withLock { specs.map { "\($0.method) \($0.path)" } } }
}

extension Web {
    /// Registers a trainee route that reads or writes their progress. The engine is asked about
    /// the route's action before the handler runs, whatever links the pages show; when the
    /// rules say no, the trainee gets a page saying why and what to do next, and nothing is kept.
    func addProgressRoute(
        _ router: Router<WebContext>,
        _ method: HTTPRequest.Method,
        _ path: RouterPath,
        action: @escaping @Sendable (Exchange) throws -> ProgressAction,
        _ handler: @escaping @Sendable (Exchange, TraineeView) async throws -> Response
    ) {
        progressRoutes.add(method, path.description)
        group(router, .only([.trainee])).on(method, path) { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            if let refusal = view.access.refusal(try action(exchange)) {
                return try refused(refusal, exchange, sent: method == .post)
            }
            return try await handler(exchange, view)
        }
    }

    /// The kind page for a refused action; an id the programme does not have is not found.
    func refused(_ refusal: Refusal, _ exchange: Exchange, sent: Bool) throws -> Response {
        if refusal == .unknown { throw WebError.notFound }
        let model = RefusalModel(refusal, sent: sent, dates: dates)
        return page("refused", model, title: model.heading, exchange, status: RefusalModel.status(refusal))
    }
}
