import Foundation
import Hummingbird
import HummingbirdCore
import WaymarkStore

/// Everything `buildApplication` needs to know about how the app is served, as plain values:
/// nothing here reads the environment (the command line's settings fill it in).
public struct WebAppConfiguration: Sendable {
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
    var applicationConfiguration: ApplicationConfiguration {
        .init(
            address: .hostname(host, port: port),
            serverName: "Waymark",
            availableConnectionsDelegate: capacity.delegate
        )
    }
}
