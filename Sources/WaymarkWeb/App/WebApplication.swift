import Foundation
import Hummingbird
import Logging
import WaymarkStore

/// The web app's routers; `buildApplication` puts them to work.
public enum WebApplication {
    /// The router with every route and middleware. Order matters: metrics outermost so they count
    /// the answer every request finally got, then security headers so every response has them,
    /// then the request's id and log line (before the client address is rewritten, as it reads
    /// the peer's own), then "come back soon" when over `capacity` (before any work is done for
    /// the request), then the session (error pages know who is signed in), then errors.
    public static func router<Store: WaymarkStore>(_ web: Web<Store>, capacity: ConnectionCapacity? = nil) throws -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.middlewares.add(RequestMetricsMiddleware(metrics: web.metrics))
        router.middlewares.add(SecurityHeadersMiddleware())
        router.middlewares.add(RequestLogMiddleware(trustedProxies: web.trustedProxies, metrics: web.metrics))
        if let capacity {
            router.middlewares.add(OverCapacityMiddleware(capacity: capacity, errors: ErrorMiddleware(pages: web.pages, metrics: web.metrics)))
        }
        router.middlewares.add(ClientAddressMiddleware(trustedProxies: web.trustedProxies))
        router.middlewares.add(
            SessionMiddleware(
                store: web.store,
                secureCookies: web.secureCookies,
                lifetime: Web<Store>.sessionLifetime,
                idleTimeout: web.sessionIdleTimeout,
                now: web.now
            )
        )
        router.middlewares.add(ErrorMiddleware(pages: web.pages, metrics: web.metrics))
        web.addPublicRoutes(to: router, stylesheet: try stylesheet())
        web.addApplyRoutes(to: router)
        web.addOperatorRoutes(to: router)
        web.addAuthRoutes(to: router)
        web.addPasswordResetRoutes(to: router)
        web.addOutboxRoutes(to: router)
        web.addTraineeRoutes(to: router)
        web.addCPDRoutes(to: router)
        web.addCoordinatorRoutes(to: router)
        web.addCurriculumRoutes(to: router)
        web.addReviewRoutes(to: router)
        web.addVettingRoutes(to: router)
        web.addSupervisorRoutes(to: router)
        web.addAdminRoutes(to: router)
        web.addApplicationSettingRoutes(to: router)
        web.addPersonRightsRoutes(to: router)
        web.addAuditRoutes(to: router)
        web.addMediaRoutes(to: router)
        web.addCertificateRoutes(to: router)
        web.addStatusListRoutes(to: router)
        return router
    }

    /// The router of the metrics port (`--metrics-port`): `/metrics` alone, without a token, as
    /// the port listens on the loopback address only.
    public static func metricsRouter<Store: WaymarkStore>(_ web: Web<Store>) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/metrics") { _, _ in OperatorAnswers.metrics(await web.metricsText()) }
        router.head("/metrics") { _, _ in OperatorAnswers.metrics(await web.metricsText()).withoutBody() }
        return router
    }

    static func stylesheet() throws -> ByteBuffer {
        guard
            let url = Bundle.module.url(forResource: "Static/waymark", withExtension: "css")
                ?? Bundle.module.url(forResource: "waymark", withExtension: "css", subdirectory: "Static"),
            let data = try? Data(contentsOf: url)
        else { throw WebError.internalProblem("The stylesheet is missing from the build.") }
        return ByteBuffer(bytes: data)
    }
}
