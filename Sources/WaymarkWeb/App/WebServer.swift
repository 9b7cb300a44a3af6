import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkMail
import WaymarkStore

/// How `waymark serve` runs the app.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies Secure (when served over TLS, directly or behind a proxy). Always on when
    /// the base URL is https://: the site is then reached over TLS whatever the flag says.
    public var secureCookies: Bool
    /// The address people and verifiers reach the site at, used in certificates and credentials.
    public var baseURL: String
    /// The organisation that issues certificates.
    public var issuerName: String
    /// Whether the issuer is named by the did:web of the base URL.
    public var issuerDID: Bool
    /// Proxies whose `X-Forwarded-For` header names the client (for sign-in throttling).
    public var trustedProxies: Set<String>
    /// A session not used for this long ends.
    public var sessionIdleTimeout: TimeInterval
    /// A connection that sends nothing for this long is closed: one left idle between requests,
    /// or one whose request never finishes arriving (a slow or stalled client, or an attack).
    public var connectionIdleTimeout: TimeInterval
    /// Connections served at once; beyond them, requests are told to come back (see `ConnectionCapacity`).
    public var maxConnections: Int {
        didSet { capacity = ConnectionCapacity(served: maxConnections) }
    }
    /// Counts connections, for the limit above.
    public private(set) var capacity: ConnectionCapacity
    /// A second port, on the loopback address only, serving `/metrics` without a token.
    public var metricsPort: Int?
    /// This server's name among those sharing a database (nil: the machine's name and random letters).
    public var serverName: String?
    /// How often to look for a newer curriculum version, in seconds (1 to 10).
    public var curriculumPollSeconds: Int
    /// How long applicants nothing came of are kept before they are erased.
    public var applicantRetention: ApplicantRetention
    /// The organisation's time zone, in which pages and emails write dates.
    public var timeZone: TimeZone

    public init(
        host: String,
        port: Int,
        secureCookies: Bool,
        baseURL: String? = nil,
        issuerName: String = "Waymark",
        issuerDID: Bool = false,
        trustedProxies: Set<String> = [],
        sessionIdleTimeout: TimeInterval = 2 * 3_600,
        connectionIdleTimeout: TimeInterval = 30,
        maxConnections: Int = 1_000,
        metricsPort: Int? = nil,
        serverName: String? = nil,
        curriculumPollSeconds: Int = 5,
        applicantRetention: ApplicantRetention = ApplicantRetention(),
        timeZone: TimeZone = WebDates.standardTimeZone
    ) {
        self.host = host
        self.port = port
        // Listening on every address (0.0.0.0) is no address to open: people get localhost instead.
        let reachable = ["0.0.0.0", "::", "[::]"].contains(host) ? "localhost" : host
        let baseURL = baseURL ?? "http://\(reachable):\(port)"
        self.secureCookies = secureCookies || baseURL.lowercased().hasPrefix("https://")
        self.baseURL = baseURL
        self.issuerName = issuerName
        self.issuerDID = issuerDID
        self.trustedProxies = trustedProxies
        self.sessionIdleTimeout = sessionIdleTimeout
        self.connectionIdleTimeout = connectionIdleTimeout
        self.maxConnections = maxConnections
        self.capacity = ConnectionCapacity(served: maxConnections)
        self.metricsPort = metricsPort
        self.serverName = serverName
        self.curriculumPollSeconds = min(max(curriculumPollSeconds, 1), 10)
        self.applicantRetention = applicantRetention
        self.timeZone = timeZone
    }

    /// HTTP/1.1 with the idle timeout (Hummingbird counts time from the last part of a request
    /// read, so a request whose head never arrives is closed too).
    var server: HTTPServerBuilder {
        .http1(configuration: .init(idleTimeout: .milliseconds(Int64(min(max(connectionIdleTimeout, 0.1), 86_400) * 1_000))))
    }

    /// Where to listen, and how many connections to hold open at most.
    var configuration: ApplicationConfiguration {
        .init(
            address: .hostname(host, port: port),
            serverName: "Waymark",
            availableConnectionsDelegate: capacity.delegate
        )
    }
}

/// Runs Waymark's web app until SIGINT or SIGTERM; requests in flight finish first.
public enum WebServer {
    /// `services` run beside the web server for its whole life (the database's connection pool);
    /// `prepare` runs once they have started and before the first request (migrations). With a
    /// `mailTransport`, a sender delivers the outbox and the reminders are written; without one
    /// the outbox waits and pages give links to pass on by hand.
    public static func serve<Store: WaymarkStore>(
        store: Store,
        services: [any Service] = [],
        prepare: @escaping @Sendable () async throws -> Void = {},
        curriculumDirectory: URL,
        dataDirectory: URL,
        options: ServerOptions,
        metrics: WebMetrics = WebMetrics(),
        mailTransport: (any MailTransport)? = nil,
        logger: Logger,
        announce: @escaping @Sendable (String) -> Void
    ) async throws {
        // Empty until the start-up rule (which needs the migrated store) puts a version in place,
        // before the first request.
        let holder = CurriculumHolder(
            CurriculumHolder.Running(curriculum: Curriculum(programmes: []), loadedAt: Date()),
            serverID: options.serverName ?? CurriculumHolder.madeUpServerID()
        )
        let versioning = CurriculumVersioning(store: store, holder: holder, logger: logger)
        let web = Web(
            store: store,
            curriculum: holder,
            curriculumDirectory: curriculumDirectory,
            pages: try await Pages.load(),
            keys: KeyStore(dataDirectory: dataDirectory),
            issuer: CredentialIssuer(name: options.issuerName, baseURL: options.baseURL, asDID: options.issuerDID),
            secureCookies: options.secureCookies,
            trustedProxies: options.trustedProxies,
            sessionIdleTimeout: options.sessionIdleTimeout,
            logger: logger,
            metrics: metrics,
            sendsEmail: mailTransport != nil,
            applicantRetention: options.applicantRetention,
            timeZone: options.timeZone
        )
        var app = Application(router: try WebApplication.router(web, capacity: options.capacity), server: options.server, configuration: options.configuration, logger: logger)
        let ready = Readiness()
        app.addServices(services)
        app.addServices(DailyChore.vettingPurge(store, logger: logger, ready: ready))
        app.addServices(DailyChore.applicantRemoval(store, logger: logger, ready: ready, retention: options.applicantRetention))
        app.addServices(CurriculumPollService(versioning: versioning, every: .seconds(options.curriculumPollSeconds), ready: ready))
        if let mailTransport {
            let host = URL(string: options.baseURL)?.host ?? "waymark.invalid"
            app.addServices(OutboxSenderService(sender: OutboxSender(store: store, transport: mailTransport, messageDomain: host, logger: logger), ready: ready))
            app.addServices(OutboxRemindersService(reminders: OutboxReminders(store: store, words: web.mailWords), ready: ready, logger: logger))
        }
        if let port = options.metricsPort {
            app.addServices(
                Application(
                    router: WebApplication.metricsRouter(web),
                    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Waymark metrics"),
                    logger: logger
                )
            )
        }
        app.beforeServerStarts {
            try await prepare()
            announce(try await versioning.start(from: curriculumDirectory, at: Date()))
            ready.open()
            if try await !store.hasAdmin() {
                let link = try await web.makeLink(.setup, for: nil)
                announce(
                    "No admin yet. To create the first admin, open this link in the next 24 hours (it works once):\n\n    \(web.certificates.issuer.baseURL)\(link)\n"
                )
            }
            announce("Waymark is running at \(web.certificates.issuer.baseURL)  (stop it with Ctrl-C)")
        }
        try await app.runService()
    }
}

/// Work done once a day while the server runs (removing old vetting notes, and applicants
/// nothing came of), starting once the store is ready.
struct DailyChore: Service {
    let name: String
    let logger: Logger
    let ready: Readiness
    /// Does the work at `now`; returns a line for the log when it changed something.
    let work: @Sendable (_ now: Date) async throws -> String?

    func run() async throws {
        await ready.repeatUntilShutdown(every: .seconds(86_400)) {
            do {
                if let line = try await work(Date()) { logger.info("\(line)") }
            } catch {
                logger.error("\(name) failed: \(error)")
            }
            return false
        }
    }

    /// Removes vetting notes older than the retention period.
    static func vettingPurge<Store: WaymarkStore>(_ store: Store, logger: Logger, ready: Readiness, retention: VettingRetention = VettingRetention()) -> DailyChore {
        DailyChore(name: "Vetting purge", logger: logger, ready: ready) { now in
            let removed = try await store.purgeVettingNotes(recordedBefore: retention.cutoff(now: now), by: "system", at: now)
            return removed > 0 ? "Purged \(removed) vetting notes older than \(retention.months) months." : nil
        }
    }

    /// Erases applicants who went no further than applying, after `retention.days`.
    static func applicantRemoval<Store: WaymarkStore>(_ store: Store, logger: Logger, ready: Readiness, retention: ApplicantRetention) -> DailyChore {
        DailyChore(name: "Removing old applications", logger: logger, ready: ready) { now in
            let removed = try await retention.removeStale(from: store, at: now)
            return removed > 0 ? "Removed \(removed) applicants who went no further than applying, after \(retention.days) days." : nil
        }
    }
}

/// Opens once the store is ready for work (its migrations applied), for services that start
/// beside the web server but must not touch the store before then.
final class Readiness: Sendable {
    private let state = Mutex(false)

    var isOpen: Bool { state.withLock { $0 } }

    func open() {
        state.withLock { $0 = true }
    }

    /// Once open (the schema may still be being brought up to date when the services start),
    /// runs `work` every `interval` until the server shuts down; at once again when `work`
    /// says there is more to do. Stops waiting as soon as the server shuts down.
    func repeatUntilShutdown(every interval: Duration, _ work: () async -> Bool) async {
        while !isOpen {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        while !Task.isShuttingDownGracefully {
            if await work() { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
