import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

@Suite struct RequestIDTests {
    struct Broken: Error {}

    /// Every answer, a page, a "not found" and a failure alike, carries `X-Request-Id`, and the
    /// request's log lines carry the same id: an operator can go from what a person saw to
    /// what the server wrote.
    @Test func everyAnswerCarriesTheIdOfItsLogLines() async throws {
        let header = try #require(RequestLogMiddleware.header)
        let log = CapturedLog()
        let app = try await WebTestApp(logger: log.logger())
        let router = try WebApplication.router(app.web)
        router.get("/test-broken") { _, _ -> Response in throw Broken() }
        try await Application(router: router, logger: log.logger()).test(.router) { client in
            var seen: Set<String> = []
            for (path, status) in [("/login", HTTPResponse.Status.ok), ("/no-such-page", .notFound), ("/test-broken", .internalServerError)] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status)
                let id = try #require(response.headers[header], "\(path)")
                #expect(RequestLogMiddleware.isWellFormed(id))
                seen.insert(id)
                let lines = log.entries.filter { $0.requestID == id }
                let line = try #require(lines.last, "no log line for \(path)")
                #expect(line.metadata["status"]?.description == String(status.code))
                #expect(line.metadata["route"]?.description == (status == .notFound ? "unmatched" : path))
                if status == .internalServerError {
                    // The error itself is logged on the same request's id.
                    #expect(lines.contains { $0.level == .error && $0.message.contains("Broken") })
                }
            }
            #expect(seen.count == 3)
        }
    }

    /// An id a client sends is not believed (it could be anything, or forge another request's);
    /// only a trusted proxy's is kept, and then only when it is short and plain.
    @Test func onlyATrustedProxysWellFormedIdIsKept() async throws {
        let header = try #require(RequestLogMiddleware.header)
        let app = try await WebTestApp()
        try await app.test { browser in
            browser.extraHeaders[header] = "chosen-by-the-client"
            let page = try await browser.get("/login")
            #expect(page.headers[header] != "chosen-by-the-client")
        }
        func request(_ id: String) -> Request {
            Request(
                head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/", headerFields: [header: id]),
                body: .init(buffer: ByteBuffer())
            )
        }
        let proxies: Set<String> = ["10.0.0.5"]
        let nginx = "4f2c0e1a9b7d4c3e8f6a5b4c3d2e1f0a"
        #expect(RequestLogMiddleware.id(for: request(nginx), peer: "10.0.0.5", trustedProxies: proxies) == nginx)
        #expect(RequestLogMiddleware.id(for: request(nginx), peer: "192.0.2.9", trustedProxies: proxies) == nil)
        #expect(RequestLogMiddleware.id(for: request(nginx), peer: nil, trustedProxies: proxies) == nil)
        for bad in [String(repeating: "a", count: 65), "two words", "line\nbreak", "quote\"", "ünïcode"] {
            #expect(RequestLogMiddleware.id(for: request(bad), peer: "10.0.0.5", trustedProxies: proxies) == nil, "\(bad)")
        }
    }

    /// Signing in, the log holds no password, no session cookie, no form token and no form
    /// field; a one-time link's token in the address is not logged either.
    @Test func theLogNeverHoldsSecretsOrForms() async throws {
        let log = CapturedLog()
        let app = try await WebTestApp(logger: log.logger())
        try await app.addPeople()
        let token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        let secrets = try await app.test { browser in
            try await browser.signIn("trainee@example.org", password: "wrong but secret words")
            try await browser.signIn("trainee@example.org")
            try await browser.get("/dashboard")
            try await browser.get("/invite/\(token)")
            return [browser.cookies["waymark_session"], browser.lastToken].compactMap { $0 }
        }
        #expect(secrets.count == 2)
        let written = log.everything
        #expect(written.contains("POST /login"))
        for secret in secrets + [WebTestApp.password, "wrong but secret words", "trainee@example.org", token] {
            #expect(!written.contains(secret), "the log holds \(secret)")
        }
    }
}
