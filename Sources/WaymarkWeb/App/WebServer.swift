import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkStore

/// How `waymark serve` runs the app.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies Secure (when served over TLS, directly or behind a proxy).
    public var secureCookies: Bool
    /// The address people and verifiers reach the site at, used in certificates and credentials.
    public var baseURL: String
    /// The organisation that issues certificates.
    public var issuerName: String

    public init(host: String, port: Int, secureCookies: Bool, baseURL: String? = nil, issuerName: String = "Waymark") {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.baseURL = baseURL ?? "http://\(host):\(port)"
        self.issuerName = issuerName
    }
}

/// Runs Waymark's web app until SIGINT or SIGTERM; requests in flight finish first.
public enum WebServer {
    public static func serve<Store: WaymarkStore>(
        store: Store,
        curriculum: Curriculum,
        curriculumDirectory: URL,
        dataDirectory: URL,
        options: ServerOptions,
        logger: Logger,
        announce: @Sendable (String) -> Void
    ) async throws {
        let holder = CurriculumHolder(curriculum, loadedAt: Date())
        let web = Web(
            store: store,
            curriculum: holder,
            curriculumDirectory: curriculumDirectory,
            pages: try await Pages.load(),
            keys: KeyStore(dataDirectory: dataDirectory),
            issuer: CredentialIssuer(name: options.issuerName, baseURL: options.baseURL),
            secureCookies: options.secureCookies,
            logger: logger
        )
        if try await !store.hasAdmin() {
            let link = try await web.makeLink(.setup, for: nil)
            announce(
                "No admin yet. To create the first admin, open this link in the next 24 hours (it works once):\n\n    http://\(options.host):\(options.port)\(link)\n"
            )
        }
        var app = Application(
            router: try WebApplication.router(web),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Waymark"),
            logger: logger
        )
        app.addServices(VettingPurgeService(store: store, logger: logger))
        announce("Waymark is running at http://\(options.host):\(options.port)  (stop it with Ctrl-C)")
        try await app.runService()
    }
}

/// Removes vetting notes older than the retention period once a day, while the server runs.
struct VettingPurgeService<Store: WaymarkStore>: Service {
    let store: Store
    let logger: Logger
    var retention = VettingRetention()

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                let now = Date()
                let removed = try await store.purgeVettingNotes(recordedBefore: retention.cutoff(now: now), by: "system", at: now)
                if removed > 0 { logger.info("Purged \(removed) vetting notes older than \(retention.months) months.") }
            } catch {
                logger.error("Vetting purge failed: \(error)")
            }
            // Wait a day, but stop waiting as soon as the server shuts down.
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(86_400)) }
            } catch {
                return
            }
        }
    }
}
