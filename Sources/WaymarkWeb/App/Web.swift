import Foundation
import Hummingbird
import Logging
import Synchronization
import WaymarkActions
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkPasswords
import WaymarkStore

/// Everything a handler needs, passed in at start-up: no globals.
public struct Web<Store: WaymarkStore>: Sendable {
    public let store: Store
    public let curriculum: CurriculumHolder
    /// Where `reload` reads the curriculum from.
    public let curriculumDirectory: URL
    let pages: Pages
    let passwords: Passwords
    /// Cookies carry `Secure` when the app is served over TLS (directly or behind a proxy).
    let secureCookies: Bool
    /// How sign-in slows down guessing, per account and per address.
    let signInThrottle: SignInThrottle
    /// Proxies (load balancers) whose `X-Forwarded-For` names the client.
    let trustedProxies: Set<String>
    /// A session not used for this long ends (beside the absolute `sessionLifetime`).
    let sessionIdleTimeout: TimeInterval
    /// A hash of no one's password, checked when the email is unknown so that the answer takes
    /// as long as for a real account and does not tell which emails have one.
    let standInHash: String
    /// How many passwords this server has checked with bcrypt: the slow work that throttling
    /// keeps guessers from causing.
    let passwordChecks = Tally()
    /// Where bcrypt runs: its own lanes and a bounded queue, so sign-ins never starve pages.
    let passwordWork: PasswordWork
    /// The clock, so tests can set the time.
    let now: @Sendable () -> Date
    let logger: Logger
    /// What operators watch at `/metrics` (see `WebMetrics`).
    let metrics: WebMetrics
    let routes = RouteTable()
    let progressRoutes = ProgressRouteTable()
    /// Certificates: issuing, public lookups, signed credentials, keys.
    public let certificates: Certificates<Store>
    /// Whether a sender delivers the outbox (SMTP is set up): pages then say "we have emailed
    /// you" rather than "ask your coordinator". The outbox is written either way.
    let sendsEmail: Bool
    /// How long applicants nothing came of are kept (the application form says so).
    let applicantRetention: ApplicantRetention
    /// How pages and emails write dates: in the organisation's time zone, chosen at start-up.
    let dates: WebDates

    /// The app's dependencies; `keys` and `issuer` sign and describe certificates.
    public init(
        store: Store,
        curriculum: CurriculumHolder,
        curriculumDirectory: URL,
        pages: Pages,
        keys: KeyStore,
        issuer: CredentialIssuer,
        passwords: Passwords = Passwords(),
        passwordWork: PasswordWork? = nil,
        secureCookies: Bool = false,
        signInThrottle: SignInThrottle = SignInThrottle(),
        trustedProxies: Set<String> = [],
        sessionIdleTimeout: TimeInterval = 2 * 3_600,
        logger: Logger = Logger(label: "waymark.web"),
        metrics: WebMetrics = WebMetrics(),
        sendsEmail: Bool = false,
        applicantRetention: ApplicantRetention = ApplicantRetention(),
        timeZone: TimeZone = WebDates.standardTimeZone,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.certificates = Certificates(store: store, keys: keys, issuer: issuer)
        self.curriculum = curriculum
        self.curriculumDirectory = curriculumDirectory
        self.pages = pages
        self.passwords = passwords
        self.passwordWork = passwordWork ?? PasswordWork()
        self.secureCookies = secureCookies
        self.signInThrottle = signInThrottle
        self.trustedProxies = trustedProxies
        self.sessionIdleTimeout = sessionIdleTimeout
        self.standInHash = passwords.hash(Tokens.random())
        self.logger = logger
        self.metrics = metrics
        self.sendsEmail = sendsEmail
        self.applicantRetention = applicantRetention
        self.dates = WebDates(timeZone: timeZone)
        self.now = now
    }

    /// The words of every email, with links to this site.
    var mailWords: MailWords {
        MailWords(baseURL: certificates.issuer.baseURL, sender: certificates.issuer.name, dates: dates)
    }

    /// One request as a handler sees it: the request, its context, the path parameters and,
    /// for POST, the form (already checked for its CSRF token by `FormTokenMiddleware`).
    struct Exchange {
        let request: Request
        let context: WebContext
        let form: FormFields

        /// A path parameter such as `:module`; a request without it cannot be understood.
        func parameter(_ name: String) throws -> String {
            guard let value = context.parameters.get(name) else { throw WebError.badRequest }
            return value
        }

        /// A query parameter, decoded as a browser encodes a GET form: `+` is a space, and `%2B`
        /// a plus sign. (Hummingbird's `queryParameters` keeps `+` as it is, so a code typed with
        /// spaces came back as `+wm+00eh+…`.)
        func query(_ name: String) -> String? {
            FormFields(request.uri.query ?? "")[name]
        }

        /// The signed-in person (routes that need one are only reached signed in).
        var person: Person {
            get throws {
                guard let person = context.person else { throw WebError.forbidden }
                return person
            }
        }
    }

    typealias Handler = @Sendable (Exchange) async throws -> Response

    /// A page, with this request's navigation and token.
    func page(
        _ template: String,
        _ model: Any,
        title: String,
        _ exchange: Exchange,
        status: HTTPResponse.Status = .ok,
        notice: String? = nil
    ) -> Response {
        pages.render(template, model, title: title, context: exchange.context, status: status, notice: notice)
    }

    /// Post, redirect, get: after a form, go to a page that says what happened.
    func redirect(_ location: String) -> Response {
        .redirect(to: location, type: .normal)
    }
}

extension Response {
    /// The answer to a HEAD: the same status and headers, the length the body would have had.
    func withoutBody() -> Response {
        var response = self
        let length = response.headers[.contentLength] ?? response.body.contentLength.map(String.init)
        // Setting the body sets Content-Length to the new body's (0): the length goes back after.
        response.body = .init()
        response.headers[.contentLength] = length
        return response
    }
}

/// A count that any task may add to.
final class Tally: Sendable {
    private let total = Mutex(0)

    var count: Int { total.withLock { $0 } }

    func add() {
        total.withLock { $0 += 1 }
    }
}
