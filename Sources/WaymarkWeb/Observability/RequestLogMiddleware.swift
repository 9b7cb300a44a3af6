import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id, returns it in `X-Request-Id` on every answer (errors and "not
/// found" pages too), keeps it on every log line written for the request, and writes one line
/// when the request is answered: method, route pattern, status and time taken. Never the path,
/// the query, a header or the body: those can hold a one-time link's token, a password or a
/// session cookie.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = WebContext
    /// Proxies (`--trusted-proxy`) whose `X-Request-Id` is kept, so that their log lines and
    /// Waymark's share an id. From anyone else the header is ignored.
    let trustedProxies: Set<String>
    /// Counts a database failure that no inner middleware answered.
    let metrics: WebMetrics

    /// Always a valid name; HTTPTypes makes every name from text optional.
    static let header = HTTPField.Name("X-Request-Id")
    /// Where Hummingbird keeps the id it made; `context.id` reads it back.
    static let metadataKey = "hb.request.id"
    /// Asked for every few seconds by load balancers and monitoring: logged only at debug level.
    static let probes: Set<String> = ["/healthz", "/readyz", "/metrics"]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        let id = Self.id(for: request, peer: context.clientAddress, trustedProxies: trustedProxies)
            ?? context.logger[metadataKey: Self.metadataKey]?.description ?? RequestID().description
        context.logger[metadataKey: Self.metadataKey] = .string(id)
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // The error page middleware turns every error into a page; one that happens outside
            // it (reading the session from a database that is down) is answered here.
            metrics.noteIfDatabaseFailed(error)
            if let refusal = WebError(refusal: error) {
                context.logger.warning("Refused before the error pages: \(String(reflecting: error))", metadata: ["route": .string(RouteLabel.of(context))])
                response = try refusal.response(from: request, context: context)
            } else {
                context.logger.error("Unanswered error: \(String(reflecting: error))", metadata: ["route": .string(RouteLabel.of(context))])
                response = Response(
                    status: .internalServerError,
                    headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "Something went wrong on our side. Please try again in a few minutes.\n"))
                )
            }
        }
        return finish(response, request, context, id: id, started: started)
    }

    /// Puts the request's id on the answer and writes the request's log line.
    private func finish(_ response: Response, _ request: Request, _ context: WebContext, id: String, started: ContinuousClock.Instant) -> Response {
        var response = response
        if let header = Self.header { response.headers[header] = id }
        let route = RouteLabel.of(context)
        let elapsed = ContinuousClock.now - started
        context.logger.log(
            level: Self.probes.contains(route) ? .debug : .info,
            "\(request.method) \(route) \(response.status.code)",
            metadata: [
                "method": .string(RouteLabel.method(request)),
                "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(Self.milliseconds(elapsed)),
            ]
        )
        return response
    }

    /// A trusted proxy's id, if it is one we can keep as it is: 1 to 64 letters, digits, dots,
    /// dashes, underscores or colons (a UUID, nginx's `$request_id`, a trace id).
    static func id(for request: Request, peer: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let header, let sent = request.headers[header], isWellFormed(sent) else { return nil }
        return sent
    }

    static func isWellFormed(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
                case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"): true
                default: false
                }
            }
    }

    /// Milliseconds with one decimal place.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = seconds * 10_000 + attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
