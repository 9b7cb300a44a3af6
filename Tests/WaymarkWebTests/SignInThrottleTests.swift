import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import WaymarkCredentials
import WaymarkPasswords
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum SignInThrottleChecks {
    /// Guesses sent all at once are counted before the slow password check, so no more than the
    /// free tries are ever checked, however many arrive together.
    static func parallelWrongGuessesAreCountedBeforeTheyAreChecked(_ backend: Backend) async throws {
        let clock = TestClock()
        let app = try await WebTestApp(backend: backend, now: clock.now)
        try await app.addPeople()
        let guesses = 60
        try await app.test { browser in
            try await browser.get("/login")
            let statuses = try await browser.postAllAtOnce(
                "/login",
                [("email", "trainee@example.org"), ("password", "wrong password!")],
                times: guesses
            )
            let checked = statuses.filter { $0 == .unauthorized }.count
            let refused = statuses.filter { $0 == .tooManyRequests }.count
            #expect(app.web.passwordChecks.count <= BackOff.perAccount.freeTries, "bcrypt ran for \(app.web.passwordChecks.count) of \(guesses) guesses")
            #expect(checked <= BackOff.perAccount.freeTries, "\(checked) of \(guesses) guesses were answered as checked")
            #expect(checked + refused == guesses, "\(statuses)")
        }
    }

    /// Wrong guesses slow the account down; they never lock the right password out for long.
    static func theRightPasswordGetsInOnceTheWaitIsOver(_ backend: Backend) async throws {
        let clock = TestClock()
        let app = try await WebTestApp(backend: backend, now: clock.now)
        try await app.addPeople()
        try await app.test { browser in
            for _ in 0..<BackOff.perAccount.freeTries {
                #expect(try await browser.signIn("trainee@example.org", password: "wrong password!").status == .unauthorized)
            }
            let waiting = try await browser.signIn("trainee@example.org")
            #expect(waiting.status == .tooManyRequests)
            #expect(waiting.html.contains("please wait 2 seconds"))
            #expect(waiting.headers[.retryAfter] == "2")
            clock.advance(by: 3)
            #expect(try await browser.signIn("trainee@example.org").status == .seeOther)
            // Signing in starts the account afresh: the next mistake is not made to wait.
            try await browser.get("/dashboard")
            try await browser.post("/logout")
            #expect(try await browser.signIn("trainee@example.org", password: "wrong password!").status == .unauthorized)
        }
    }

    /// Each guess after the free ones doubles the wait, so a guesser slows down fast.
    static func eachGuessAfterTheFreeOnesDoublesTheWait(_ backend: Backend) async throws {
        let clock = TestClock()
        let app = try await WebTestApp(backend: backend, now: clock.now)
        try await app.addPeople()
        try await app.test { browser in
            for _ in 0..<BackOff.perAccount.freeTries {
                try await browser.signIn("coordinator@example.org", password: "wrong password!")
            }
            for expected in [2, 4, 8, 16] {
                #expect(try await browser.signIn("coordinator@example.org", password: "wrong password!").headers[.retryAfter] == String(expected))
                clock.advance(by: TimeInterval(expected))
                #expect(try await browser.signIn("coordinator@example.org", password: "wrong password!").status == .unauthorized)
            }
            // Someone else, from the same place, is not held up by this account's waits.
            #expect(try await browser.signIn("trainee@example.org").status == .seeOther)
        }
    }

    /// An unknown email costs the same bcrypt work as a known one, so the time taken does not say
    /// who has an account.
    static func unknownEmailsTakeAsLongAsKnownOnes(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let testClock = TestClock()
        let slow = try await app.variant(passwords: Passwords(cost: 10), now: testClock.now)
        try await store(slow, hashing: "correct horse battery", for: "trainee@example.org", in: app)
        try await app.test(slow) { (browser: Browser) async throws -> Void in
            // Taken in turns, so that other work on the machine slows both alike.
            var known: [Duration] = []
            var unknown: [Duration] = []
            for _ in 0..<5 {
                for (email, times) in [("trainee@example.org", 0), ("nobody-at-all@example.org", 1)] {
                    let clock = ContinuousClock()
                    let start = clock.now
                    #expect(try await browser.signIn(email, password: "wrong password!").status == .unauthorized)
                    if times == 0 { known.append(clock.now - start) } else { unknown.append(clock.now - start) }
                }
                testClock.advance(by: 60)
            }
            let knownMedian = known.sorted()[2]
            let unknownMedian = unknown.sorted()[2]
            // Without the stand-in hash an unknown email took well under a tenth of the time.
            #expect(unknownMedian * 3 > knownMedian, "known \(known), unknown \(unknown)")
        }
    }

    /// Behind a load balancer every request comes from the balancer: with `--trusted-proxy` the
    /// address `X-Forwarded-For` names is the one slowed down, and only from a named proxy.
    static func onlyATrustedProxyNamesTheClientAddress(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let fewFree = SignInThrottle(perAddress: BackOff(freeTries: 3, firstWait: 60, longestWait: 600, forgetAfter: 3_600))
        let behindProxy = try await app.variant(throttle: fewFree, trustedProxies: ["127.0.0.1"])
        try await app.testLive(behindProxy) { (client: any TestClientProtocol) async throws -> Void in
            for account in ["a", "b", "c"] {
                #expect(try await client.signIn("\(account)@example.org", "wrong password!", from: "203.0.113.5") == .unauthorized)
            }
            #expect(try await client.signIn("trainee@example.org", WebTestApp.password, from: "203.0.113.5") == .tooManyRequests)
            // Another client behind the same proxy is not slowed down by the first one's guesses,
            // and a client cannot pretend to be somebody else by writing the header itself.
            #expect(try await client.signIn("trainee@example.org", WebTestApp.password, from: "203.0.113.9") == .seeOther)
            #expect(try await client.signIn("trainee@example.org", WebTestApp.password, from: "203.0.113.9, 203.0.113.5") == .tooManyRequests)
        }
        // Without a trusted proxy the header is ignored: every try comes from 127.0.0.1.
        let direct = try await app.variant(throttle: fewFree)
        try await app.testLive(direct) { (client: any TestClientProtocol) async throws -> Void in
            for account in ["a", "b", "c"] {
                #expect(try await client.signIn("\(account)@example.org", "wrong password!", from: "203.0.113.\(account.count)") == .unauthorized)
            }
            #expect(try await client.signIn("trainee@example.org", WebTestApp.password, from: "203.0.113.9") == .tooManyRequests)
        }
    }

    private static func store(_ web: Web<AnyWaymarkStore>, hashing password: String, for email: String, in app: WebTestApp) async throws {
        let person = try #require(try await app.store.person(email: email))
        try await app.store.setPassword(personID: person.id, hash: web.passwords.hash(password), by: person.id, at: Date())
    }
}

@Suite struct SignInBackOffTests {
    @Test func theWaitDoublesAfterTheFreeTriesAndStopsAtTheLongest() {
        let backOff = BackOff(freeTries: 5, firstWait: 2, longestWait: 300, forgetAfter: 3_600)
        #expect((0..<5).map { backOff.wait(afterTries: $0) } == [0, 0, 0, 0, 0])
        #expect((5..<10).map { backOff.wait(afterTries: $0) } == [2, 4, 8, 16, 32])
        #expect(backOff.wait(afterTries: 100) == 300)
        #expect(backOff.wait(afterTries: .max) == 300)
    }

    @Test func waitsAreSaidInPlainWords() {
        let now = Date()
        #expect(SignInThrottle.waitInWords(from: now, until: now.addingTimeInterval(1)) == "1 second")
        #expect(SignInThrottle.waitInWords(from: now, until: now.addingTimeInterval(8)) == "8 seconds")
        #expect(SignInThrottle.waitInWords(from: now, until: now.addingTimeInterval(61)) == "2 minutes")
        #expect(SignInThrottle.waitInWords(from: now, until: now.addingTimeInterval(300)) == "5 minutes")
    }

    @Test func theClientAddressComesFromXForwardedForOnlyThroughATrustedProxy() {
        let trusted: Set<String> = ["10.0.0.5", "10.0.0.6"]
        #expect(ClientAddress.resolve(peer: "198.51.100.7", forwardedFor: ["203.0.113.5"], trustedProxies: trusted) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.5", forwardedFor: ["203.0.113.5"], trustedProxies: trusted) == "203.0.113.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.5", forwardedFor: ["1.2.3.4, 203.0.113.5"], trustedProxies: trusted) == "203.0.113.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.5", forwardedFor: ["203.0.113.5, 10.0.0.6"], trustedProxies: trusted) == "203.0.113.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.5", forwardedFor: ["2001:db8::1"], trustedProxies: trusted) == "2001:db8::1")
        #expect(ClientAddress.resolve(peer: "10.0.0.5", forwardedFor: [], trustedProxies: trusted) == "10.0.0.5")
        #expect(ClientAddress.resolve(peer: "10.0.0.5", forwardedFor: ["<script>"], trustedProxies: trusted) == "10.0.0.5")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["203.0.113.5"], trustedProxies: trusted) == nil)
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_796_000_000))

    var now: @Sendable () -> Date { { [self] in current.withLock { $0 } } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

extension WebTestApp {
    /// This app's store and curriculum with other settings, as another server configured
    /// differently would have.
    func variant(
        passwords: Passwords = Passwords(cost: 4),
        passwordWork: PasswordWork? = nil,
        throttle: SignInThrottle = SignInThrottle(),
        trustedProxies: Set<String> = [],
        sessionIdleTimeout: TimeInterval = 2 * 3_600,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws -> Web<AnyWaymarkStore> {
        Web(
            store: store,
            curriculum: web.curriculum,
            curriculumDirectory: web.curriculumDirectory,
            pages: try await Pages.load(),
            keys: KeyStore(dataDirectory: folder),
            issuer: CredentialIssuer(name: "Waymark Test Organisation", baseURL: "http://127.0.0.1:8080"),
            passwords: passwords,
            passwordWork: passwordWork,
            signInThrottle: throttle,
            trustedProxies: trustedProxies,
            sessionIdleTimeout: sessionIdleTimeout,
            now: now
        )
    }

    func test<Value: Sendable>(_ web: Web<AnyWaymarkStore>, _ body: @Sendable (Browser) async throws -> Value) async throws -> Value {
        let app = try buildApplication(WebTestApp.configuration, web: web, logger: WebTestApp.quietLogger)
        return try await app.test(.router) { client in try await body(Browser(client)) }
    }

    func testLive<Value: Sendable>(_ web: Web<AnyWaymarkStore>, _ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = try buildApplication(WebTestApp.configuration, web: web, logger: WebTestApp.quietLogger)
        return try await app.test(.live) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// Signs in as a client behind a proxy that names it in `X-Forwarded-For`; the status.
    func signIn(_ email: String, _ password: String, from address: String) async throws -> HTTPResponse.Status {
        let form = try await execute(uri: "/login", method: .get, headers: [:], body: nil)
        let cookie = form.headers[values: .setCookie].compactMap { $0.split(separator: ";").first.map(String.init) }.joined(separator: "; ")
        let token = cookie.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
        if let name = HTTPField.Name("X-Forwarded-For") { headers[name] = address }
        let body = [("csrf", token), ("email", email), ("password", password)].map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }
            .joined(separator: "&")
        return try await execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body)).status
    }
}

extension Browser {
    /// Sends the same form `times` times at once, with this browser's cookies and token, and
    /// returns every status. The browser's own cookies are left as they were.
    func postAllAtOnce(_ path: String, _ fields: [(String, String)], times: Int) async throws -> [HTTPResponse.Status] {
        let body = ([("csrf", lastToken)] + fields).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let client = client
        let sent = headers
        return try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<times {
                group.addTask {
                    try await client.execute(uri: path, method: .post, headers: sent, body: ByteBuffer(string: body)).status
                }
            }
            var statuses: [HTTPResponse.Status] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
    }
}

extension SignInThrottleChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("parallelWrongGuessesAreCountedBeforeTheyAreChecked", parallelWrongGuessesAreCountedBeforeTheyAreChecked),
        StoreCheck("theRightPasswordGetsInOnceTheWaitIsOver", theRightPasswordGetsInOnceTheWaitIsOver),
        StoreCheck("eachGuessAfterTheFreeOnesDoublesTheWait", eachGuessAfterTheFreeOnesDoublesTheWait),
        StoreCheck("unknownEmailsTakeAsLongAsKnownOnes", unknownEmailsTakeAsLongAsKnownOnes),
        StoreCheck("onlyATrustedProxyNamesTheClientAddress", onlyATrustedProxyNamesTheClientAddress),
    ])
}
