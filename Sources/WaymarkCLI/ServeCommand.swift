import ArgumentParser
import Configuration
import Foundation
import Logging
import WaymarkStore
import WaymarkWeb

/// `waymark serve`: the web app, on the data folder and the curriculum.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Waymark website.",
        discussion: """
            Each option can also be set in the environment: WAYMARK_HOST, WAYMARK_PORT, WAYMARK_DATA, WAYMARK_DATABASE_URL, \
            WAYMARK_CURRICULUM, WAYMARK_LOG_LEVEL, WAYMARK_SECURE_COOKIES=1, WAYMARK_BASE_URL, WAYMARK_ISSUER_NAME, WAYMARK_TRUSTED_PROXIES, \
            WAYMARK_SESSION_IDLE_MINUTES, WAYMARK_CONNECTION_IDLE_SECONDS, WAYMARK_MAX_CONNECTIONS, WAYMARK_LOG_FORMAT, WAYMARK_METRICS_TOKEN, \
            WAYMARK_METRICS_PORT, WAYMARK_REMOVE_APPLICANTS_AFTER_DAYS, WAYMARK_SERVER_NAME, WAYMARK_CURRICULUM_POLL_SECONDS, WAYMARK_TIME_ZONE, and the mail server's WAYMARK_SMTP_HOST and the rest (check them with 'waymark mail test'). GET /healthz says whether the process and its database answer; GET /readyz whether it is ready for \
            requests (and why not). On the first run, when there is no \
            admin yet, it prints a one-time link to create one. Stop it with Ctrl-C: requests in flight finish first. \
            Several servers can share one PostgreSQL database (--database postgres://...); give them the same keys folder.
            """
    )

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (default 8080).")
    var port: Int?

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var mail: SMTPOptions

    @Option(help: "How much to log: trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(help: "How to write the log: text (readable, the default) or json (one JSON object a line, for a log collector).")
    var logFormat: String?

    @Option(
        help:
            "A secret of at least 24 characters; with it, /metrics on the site's port answers requests that send 'Authorization: Bearer TOKEN'. Without it (and without --metrics-port) metrics are not served."
    )
    var metricsToken: String?

    @Option(help: "A port on 127.0.0.1 only that serves /metrics without a token, for a scraper on the same machine.")
    var metricsPort: Int?

    @Flag(help: "Mark cookies Secure; use when the site is served over HTTPS.")
    var secureCookies = false

    @Option(help: "The public address of the site, used in certificates and credentials (default http://HOST:PORT).")
    var baseURL: String?

    @Option(help: "The organisation named as issuer on certificates (default Waymark).")
    var issuerName: String?

    @Flag(help: "Name the issuer by the did:web of the base URL, with its DID document at /.well-known/did.json (or WAYMARK_ISSUER_DID=1).")
    var issuerDID = false

    @Option(
        name: .customLong("trusted-proxy"),
        parsing: .upToNextOption,
        help: "Addresses of load balancers or proxies in front of Waymark; only requests from them may name the client in X-Forwarded-For."
    )
    var trustedProxies: [String] = []

    @Option(help: "Minutes a signed-in session may go unused before it ends (default 120; sessions end 12 hours after signing in anyway).")
    var sessionIdleMinutes: Int?

    @Option(help: "Seconds a connection may send nothing before it is closed, between requests or in the middle of one (default 30).")
    var connectionIdleSeconds: Int?

    @Option(
        help:
            "Connections served at once (default 1000; keep it below the open-file limit, ulimit -n). A tenth more are told to come back in a moment (503); beyond that they wait to be accepted."
    )
    var maxConnections: Int?

    @Option(help: "This server's name on the curriculum page, among the servers sharing a database (default: the machine's name and a few random letters).")
    var serverName: String?

    @Option(help: "How often, in seconds, to look for a newer curriculum version stored by another server (default 5, at most 10).")
    var curriculumPollSeconds: Int?

    @Option(
        help:
            "Days after which an applicant who went no further than applying is erased, with the removal in the audit log (default 183, about 6 months; from 1 to 3650)."
    )
    var removeApplicantsAfterDays: Int?

    @Option(help: "The organisation's time zone, in which pages and emails show dates, like Europe/Dublin (default Europe/London).")
    var timeZone: String?

    /// Every setting serve reads: from these flags, else the environment (the process's, unless
    /// a test gives its own), else the defaults.
    func settings(environment: (any ConfigProvider)? = nil) -> WaymarkSettings {
        WaymarkSettings(
            environment: environment,
            flags: data.flags + curriculum.flags + mail.flags + [
                (WaymarkSettings.host, host), (WaymarkSettings.port, port.map(String.init)),
                (WaymarkSettings.logLevel, logLevel), (WaymarkSettings.logFormat, logFormat),
                (WaymarkSettings.metricsToken, metricsToken), (WaymarkSettings.metricsPort, metricsPort.map(String.init)),
                (WaymarkSettings.secureCookies, secureCookies ? "1" : nil), (WaymarkSettings.baseURL, baseURL),
                (WaymarkSettings.issuerName, issuerName), (WaymarkSettings.issuerDID, issuerDID ? "1" : nil),
                // Several --trusted-proxy values read as the variable's list does.
                (WaymarkSettings.trustedProxies, trustedProxies.isEmpty ? nil : trustedProxies.joined(separator: ",")),
                (WaymarkSettings.sessionIdleMinutes, sessionIdleMinutes.map(String.init)),
                (WaymarkSettings.connectionIdleSeconds, connectionIdleSeconds.map(String.init)),
                (WaymarkSettings.maxConnections, maxConnections.map(String.init)), (WaymarkSettings.serverName, serverName),
                (WaymarkSettings.curriculumPollSeconds, curriculumPollSeconds.map(String.init)),
                (WaymarkSettings.removeApplicantsAfterDays, removeApplicantsAfterDays.map(String.init)),
                (WaymarkSettings.timeZone, timeZone),
            ]
        )
    }

    func validate() throws {
        let settings = settings()
        _ = try settings.webAppConfiguration()
        _ = try settings.value(WaymarkSettings.logLevel)
        _ = try settings.value(WaymarkSettings.logFormat)
        _ = try settings.value(WaymarkSettings.metricsToken)
    }

    func run() async throws {
        let settings = settings()
        let logger = try settings.value(WaymarkSettings.logFormat).logger(label: "waymark", level: try settings.value(WaymarkSettings.logLevel))
        let metrics = WebMetrics(token: try settings.value(WaymarkSettings.metricsToken))
        let directory = try CurriculumLocation.resolve(try settings.value(WaymarkSettings.curriculum)).url
        let location = try data.location()
        let server: ServerStore
        do {
            server = try location.openForServer(logger: logger)
        } catch {
            throw CommandFailure("Cannot open the Waymark data at \(location): \(error)")
        }
        let options = try settings.webAppConfiguration()
        // The connection pool is a service of the server: it starts with it and stops after it.
        do {
            try await serve(server, metrics: metrics, directory: directory, options: options, logger: logger)
        } catch let refusal as CurriculumStartRefusal {
            throw CommandFailure(ValidationReport.text(refusal.report) + "The curriculum has errors and no earlier version is stored; fix them first (waymark validate).")
        }
    }

    private func serve(_ server: ServerStore, metrics: WebMetrics, directory: URL, options: WebAppConfiguration, logger: Logger) async throws {
        try await WebServer.serve(
            store: server.store.observed(by: metrics),
            services: server.pool.map { [$0] } ?? [],
            prepare: server.prepare,
            curriculumDirectory: directory,
            dataDirectory: data.url,
            options: options,
            metrics: metrics,
            mailTransport: try mail.transport(),
            logger: logger
        ) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
