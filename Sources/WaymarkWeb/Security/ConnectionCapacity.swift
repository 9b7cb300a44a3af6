import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import Synchronization

/// How many connections the server serves, and what it does beyond that. Up to `served`,
/// connections are served as usual. Beyond it, up to `accepted`, they are still taken in, but
/// each request is answered at once with a kind 503 page, `Retry-After` and `Connection: close`:
/// people are told to come back rather than left waiting to time out, and the connection is
/// freed. Beyond `accepted`, new connections wait in the listen queue, so memory stays bounded
/// however many arrive.
public final class ConnectionCapacity: Sendable {
    /// Connections served as usual.
    public let served: Int
    /// Connections held open at all (served, and those being told to come back).
    public let accepted: Int
    /// Seconds people are asked to wait.
    public let retryAfter: Int
    private let open = Atomic<Int>(0)

    public init(served: Int, retryAfter: Int = 10) {
        self.served = max(1, served)
        // Room to tell a crowd "come back" without holding more than a tenth over the limit.
        self.accepted = self.served + max(16, self.served / 10)
        self.retryAfter = max(1, retryAfter)
    }

    /// Connections open now.
    public var openConnections: Int { open.load(ordering: .relaxed) }

    /// Whether the server has more connections than it serves.
    var isOverCapacity: Bool { openConnections > served }

    /// Counts connections as Hummingbird opens and closes them, and stops accepting at `accepted`.
    var delegate: Counter { Counter(capacity: self) }

    struct Counter: AvailableConnectionsDelegate {
        let capacity: ConnectionCapacity

        mutating func connectionOpened() {
            capacity.open.add(1, ordering: .relaxed)
        }

        mutating func connectionClosed() {
            capacity.open.subtract(1, ordering: .relaxed)
        }

        func isAcceptingNewConnections() -> Bool {
            capacity.openConnections < capacity.accepted
        }
    }
}

/// Answers every request with "come back soon" while the server is over capacity, before the
/// session is looked up or anything else is done for it. `/healthz` and `/metrics` still answer,
/// so a load balancer can tell a busy server from a broken one and operators can see why.
struct OverCapacityMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let capacity: ConnectionCapacity
    let errors: ErrorMiddleware
    static let alwaysAnswered: Set<String> = ["/healthz", "/metrics"]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard capacity.isOverCapacity, !Self.alwaysAnswered.contains(request.uri.path) else { return try await next(request, context) }
        var response = errors.page(for: .busy(retryAfter: capacity.retryAfter), context: context)
        response.headers[.connection] = "close"
        if request.method == .head { response = response.withoutBody() }
        // The connection is freed once the page has been written.
        let length = response.headers[.contentLength]
        let body = response.body
        let close = context.closeConnection
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(ClosingWriter(base: writer, close: close))
        }
        response.headers[.contentLength] = length
        return response
    }
}

/// Passes the body on, then ends the connection when the body is finished.
private struct ClosingWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let close: @Sendable () -> Void

    mutating func write(_ buffer: ByteBuffer) async throws {
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
        close()
    }
}
