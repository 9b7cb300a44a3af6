import ArgumentParser
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
            WAYMARK_METRICS_PORT, WAYMARK_REMOVE_APPLICANTS_AFTER_DAYS, WAYMARK_SERVER_NAME, WAYMARK_CURRICULUM_POLL_SECONDS, and the mail server's WAYMARK_SMTP_HOST and the rest (check them with 'waymark mail test'). GET /healthz says whether the process and its database answer; GET /readyz whether it is ready for \
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

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// --trusted-proxy, else WAYMARK_TRUSTED_PROXIES (addresses separated by spaces or commas).
    private var proxies: [String] {
        if !trustedProxies.isEmpty { return trustedProxies }
        return (environment["WAYMARK_TRUSTED_PROXIES"] ?? "").split { $0 == "," || $0 == " " }.map(String.init)
    }

    private var idleMinutes: Int? { sessionIdleMinutes ?? environment["WAYMARK_SESSION_IDLE_MINUTES"].flatMap(Int.init) }

    private var name: String? { serverName ?? environment["WAYMARK_SERVER_NAME"] }

    private var pollSeconds: Int? { curriculumPollSeconds ?? environment["WAYMARK_CURRICULUM_POLL_SECONDS"].flatMap(Int.init) }

    func validate() throws {
        if let port = port ?? environment["WAYMARK_PORT"].flatMap(Int.init), !(1...65_535).contains(port) {
            throw ValidationError("The port must be between 1 and 65535.")
        }
        if environment["WAYMARK_PORT"] != nil, port == nil, Int(environment["WAYMARK_PORT"] ?? "") == nil {
            throw ValidationError("WAYMARK_PORT must be a number.")
        }
        if sessionIdleMinutes == nil, let text = environment["WAYMARK_SESSION_IDLE_MINUTES"], Int(text) == nil {
            throw ValidationError("WAYMARK_SESSION_IDLE_MINUTES must be a number of minutes.")
        }
        if let minutes = idleMinutes, !(1...720).contains(minutes) {
            throw ValidationError("The session idle time must be from 1 to 720 minutes (12 hours, when every session ends anyway).")
        }
        for (option, variable, value, range, why) in [
            ("--connection-idle-seconds", "WAYMARK_CONNECTION_IDLE_SECONDS", connectionIdleSeconds, 1...3_600, ""),
            ("--max-connections", "WAYMARK_MAX_CONNECTIONS", maxConnections, 1...1_000_000, ""),
            ("--remove-applicants-after-days", "WAYMARK_REMOVE_APPLICANTS_AFTER_DAYS", removeApplicantsAfterDays, 1...3_650, ""),
            (
                "--curriculum-poll-seconds", "WAYMARK_CURRICULUM_POLL_SECONDS", curriculumPollSeconds, 1...10,
                ", so every server takes a new curriculum within 10 seconds"
            ),
        ] {
            if value == nil, let text = environment[variable], Int(text) == nil { throw ValidationError("\(variable) must be a number.") }
            if let number = value ?? environment[variable].flatMap(Int.init), !range.contains(number) {
                throw ValidationError("\(option) must be from \(range.lowerBound) to \(range.upperBound)\(why).")
            }
        }
        if let name = name, name.isEmpty || name.count > 100 || name.contains(where: { $0.isNewline }) {
            throw ValidationError("--server-name must be from 1 to 100 characters on one line.")
        }
        if let bad = proxies.first(where: { !ClientAddress.looksLikeAnAddress($0) }) {
            throw ValidationError("'\(bad)' is not an IP address. Give each trusted proxy by its address, like 10.0.0.5.")
        }
        if let level = logLevel ?? environment["WAYMARK_LOG_LEVEL"], Logger.Level(rawValue: level) == nil {
            throw ValidationError("Unknown log level '\(level)'. Use trace, debug, info, notice, warning, error or critical.")
        }
        if let format = logFormat ?? environment["WAYMARK_LOG_FORMAT"], LogFormat(rawValue: format) == nil {
            throw ValidationError("Unknown log format '\(format)'. Use text or json.")
        }
        if let token = metricsToken ?? environment["WAYMARK_METRICS_TOKEN"], let problem = MetricsToken.problem(token) {
            throw ValidationError(problem)
        }
        if metricsPort == nil, let text = environment["WAYMARK_METRICS_PORT"], Int(text) == nil {
            throw ValidationError("WAYMARK_METRICS_PORT must be a number.")
        }
        if let port = metricsPort ?? environment["WAYMARK_METRICS_PORT"].flatMap(Int.init) {
            guard (1...65_535).contains(port) else { throw ValidationError("The metrics port must be between 1 and 65535.") }
            if port == self.port ?? environment["WAYMARK_PORT"].flatMap(Int.init) ?? 8080 {
                throw ValidationError("The metrics port must differ from the site's port.")
            }
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel ?? environment["WAYMARK_LOG_LEVEL"] ?? "info") ?? .info
        let format = LogFormat(rawValue: logFormat ?? environment["WAYMARK_LOG_FORMAT"] ?? "text") ?? .text
        let logger = format.logger(label: "waymark", level: level)
        let metrics = WebMetrics(token: metricsToken ?? environment["WAYMARK_METRICS_TOKEN"])
        let directory = try CurriculumLocation.resolve(curriculum.directory ?? environment["WAYMARK_CURRICULUM"]).url
        let location = try data.location()
        let server: ServerStore
        do {
            server = try location.openForServer(logger: logger)
        } catch {
            throw CommandFailure("Cannot open the Waymark data at \(location): \(error)")
        }
        let options = ServerOptions(
            host: host ?? environment["WAYMARK_HOST"] ?? "127.0.0.1",
            port: port ?? environment["WAYMARK_PORT"].flatMap(Int.init) ?? 8080,
            secureCookies: secureCookies || environment["WAYMARK_SECURE_COOKIES"] == "1",
            baseURL: baseURL ?? environment["WAYMARK_BASE_URL"],
            issuerName: issuerName ?? environment["WAYMARK_ISSUER_NAME"] ?? "Waymark",
            issuerDID: issuerDID || environment["WAYMARK_ISSUER_DID"] == "1",
            trustedProxies: Set(proxies),
            sessionIdleTimeout: TimeInterval(idleMinutes ?? 120) * 60,
            connectionIdleTimeout: TimeInterval(connectionIdleSeconds ?? environment["WAYMARK_CONNECTION_IDLE_SECONDS"].flatMap(Int.init) ?? 30),
            maxConnections: maxConnections ?? environment["WAYMARK_MAX_CONNECTIONS"].flatMap(Int.init) ?? 1_000,
            metricsPort: metricsPort ?? environment["WAYMARK_METRICS_PORT"].flatMap(Int.init),
            serverName: name,
            curriculumPollSeconds: pollSeconds ?? 5,
            applicantRetention: ApplicantRetention(
                days: removeApplicantsAfterDays ?? environment["WAYMARK_REMOVE_APPLICANTS_AFTER_DAYS"].flatMap(Int.init)
                    ?? ApplicantRetention.defaultDays
            )
        )
        // The connection pool is a service of the server: it starts with it and stops after it.
        do {
            try await serve(server, metrics: metrics, directory: directory, options: options, logger: logger)
        } catch let refusal as CurriculumStartRefusal {
            throw CommandFailure(ValidationReport.text(refusal.report) + "The curriculum has errors and no earlier version is stored; fix them first (waymark validate).")
        }
    }

    private func serve(_ server: ServerStore, metrics: WebMetrics, directory: URL, options: ServerOptions, logger: Logger) async throws {
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
