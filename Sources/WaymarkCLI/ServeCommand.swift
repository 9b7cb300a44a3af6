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

    @Option(help: WaymarkSettings.host.argumentHelp)
    var host: String?

    @Option(help: WaymarkSettings.port.argumentHelp)
    var port: Int?

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions
    @OptionGroup var mail: SMTPOptions

    @Option(help: WaymarkSettings.logLevel.argumentHelp)
    var logLevel: String?

    @Option(help: WaymarkSettings.logFormat.argumentHelp)
    var logFormat: String?

    @Option(help: WaymarkSettings.metricsToken.argumentHelp)
    var metricsToken: String?

    @Option(help: WaymarkSettings.metricsPort.argumentHelp)
    var metricsPort: Int?

    @Flag(help: WaymarkSettings.secureCookies.argumentHelp)
    var secureCookies = false

    @Option(help: WaymarkSettings.baseURL.argumentHelp)
    var baseURL: String?

    @Option(help: WaymarkSettings.issuerName.argumentHelp)
    var issuerName: String?

    @Flag(help: WaymarkSettings.issuerDID.argumentHelp)
    var issuerDID = false

    @Option(name: .customLong("trusted-proxy"), parsing: .upToNextOption, help: WaymarkSettings.trustedProxies.argumentHelp)
    var trustedProxies: [String] = []

    @Option(help: WaymarkSettings.sessionIdleMinutes.argumentHelp)
    var sessionIdleMinutes: Int?

    @Option(help: WaymarkSettings.connectionIdleSeconds.argumentHelp)
    var connectionIdleSeconds: Int?

    @Option(help: WaymarkSettings.maxConnections.argumentHelp)
    var maxConnections: Int?

    @Option(help: WaymarkSettings.serverName.argumentHelp)
    var serverName: String?

    @Option(help: WaymarkSettings.curriculumPollSeconds.argumentHelp)
    var curriculumPollSeconds: Int?

    @Option(help: WaymarkSettings.removeApplicantsAfterDays.argumentHelp)
    var removeApplicantsAfterDays: Int?

    @Option(help: WaymarkSettings.timeZone.argumentHelp)
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
