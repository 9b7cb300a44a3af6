import Hummingbird

/// Counts every request by route pattern, method and status, and times it (see `WebMetrics`).
/// Outermost, so that it sees the answer every other middleware settled on.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: WebMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, started: started)
            return response
        } catch {
            // Nothing inside should throw (errors become pages), but if it does, it is counted.
            record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, started: started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, started: ContinuousClock.Instant) {
        metrics.request(route: RouteLabel.of(context), method: RouteLabel.method(request), status: status, duration: ContinuousClock.now - started)
    }
}
