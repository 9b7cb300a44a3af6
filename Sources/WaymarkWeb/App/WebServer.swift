import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import WaymarkActions
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkMail
import WaymarkStore

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
        options: WebAppConfiguration,
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
        let ready = Readiness()
        var services = services
        services.append(DailyChore.vettingPurge(store, logger: logger, ready: ready))
        services.append(DailyChore.applicantRemoval(store, logger: logger, ready: ready, retention: options.applicantRetention))
        services.append(CurriculumPollService(versioning: versioning, every: .seconds(options.curriculumPollSeconds), ready: ready))
        if let mailTransport {
            let host = URL(string: options.baseURL)?.host ?? "waymark.invalid"
            services.append(OutboxSenderService(sender: OutboxSender(store: store, transport: mailTransport, messageDomain: host, logger: logger), ready: ready))
            services.append(OutboxRemindersService(reminders: OutboxReminders(store: store, words: web.mailWords), ready: ready, logger: logger))
        }
        let app = try buildApplication(options, web: web, services: services, logger: logger) {
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
            let removed = try await PersonRights(store: store).removeStaleApplicants(retention, at: now)
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
