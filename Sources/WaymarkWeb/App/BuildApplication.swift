import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import WaymarkStore

/// The web app as `waymark serve` runs it, and as the tests run it: the same router,
/// middleware, address, connection limit and idle timeout, so what the tests pass is what
/// people are served.
///
/// `services` run beside the web server for its whole life (the database's pool, the daily
/// chores); `beforeServerStarts` runs once they have started and before the first request
/// (migrations, the curriculum). With a metrics port, its own small app runs beside this one.
public func buildApplication<Store: WaymarkStore>(
    _ configuration: WebAppConfiguration,
    web: Web<Store>,
    services: [any Service] = [],
    logger: Logger? = nil,
    beforeServerStarts: @escaping @Sendable () async throws -> Void = {},
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let logger = logger ?? web.logger
    var app = Application(
        responder: RequestTaskResponder(inner: try WebApplication.router(web, capacity: configuration.capacity).buildResponder()),
        server: configuration.server,
        configuration: configuration.applicationConfiguration,
        onServerRunning: onServerRunning,
        logger: logger
    )
    app.addServices(services)
    if let port = configuration.metricsPort {
        app.addServices(
            Application(
                router: WebApplication.metricsRouter(web),
                configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Waymark metrics"),
                logger: logger
            )
        )
    }
    app.beforeServerStarts(perform: beforeServerStarts)
    return app
}
