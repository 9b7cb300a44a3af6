import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkPasswords
import WaymarkStore

@testable import WaymarkWeb

@Suite struct HealthTests {
    /// A database that does not answer: the health check says 503 within the store's timeout,
    /// so a load balancer sends people elsewhere, and pages fail kindly instead of hanging.
    @Test func aDatabaseThatDoesNotAnswerIsReportedNotWaitedFor() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-health-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let web = try await Self.webOnADatabaseThatDoesNotAnswer(folder: folder)
        let app = try buildApplication(WebTestApp.configuration, web: web, logger: WebTestApp.quietLogger)
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .serviceUnavailable)
            // timeout=1: a second when the machine is quiet; a loaded test run may stretch it.
            #expect(ContinuousClock.now - started < .seconds(60))
            let page = try await client.execute(uri: "/verify/WM-0000-0000-0000-0000-0", method: .get)
            #expect(page.status == .serviceUnavailable)
            #expect(!String(buffer: page.body).contains("PostgreSQL"))  // no internal detail on the page
        }
    }

    /// A PostgreSQL database that does not answer: not ready, and why. A signed-in request,
    /// whose session cannot be read, still gets an answer (503: come back later) with its request id. Both failures
    /// are counted.
    @Test func aDatabaseThatDoesNotAnswerIsNotReady() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-ready-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let metrics = WebMetrics()
        let web = try await Self.webOnADatabaseThatDoesNotAnswer(folder: folder, metrics: metrics)
        try await buildApplication(WebTestApp.configuration, web: web, logger: WebTestApp.quietLogger).test(.router) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(String(buffer: ready.body) == "not ready: the database does not answer\n")
            let signedIn = try await client.execute(
                uri: "/dashboard",
                method: .get,
                headers: [.cookie: "waymark_session=\(String(repeating: "A", count: 43))"]
            )
            #expect(signedIn.status == .serviceUnavailable)
            #expect(signedIn.headers[try #require(RequestLogMiddleware.header)].map(RequestLogMiddleware.isWellFormed) == true)
            #expect(!String(buffer: signedIn.body).contains("PostgreSQL"))
        }
        #expect(try PrometheusText(metrics.text(curriculum: web.curriculum)).value(WebMetrics.databaseErrors) == 2)
    }

    /// The app on a PostgreSQL store whose pool never runs, so no connection ever comes: the
    /// same as a database that is down. Nothing listens on port 9 either.
    static func webOnADatabaseThatDoesNotAnswer(folder: URL, metrics: WebMetrics = WebMetrics()) async throws -> Web<AnyWaymarkStore> {
        let location = try StoreLocation.resolve("postgres://waymark@127.0.0.1:9/waymark?timeout=1", dataDirectory: folder)
        let server = try location.openForServer(logger: Logger(label: "test"))
        let report = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".")
        return Web(
            store: server.store,
            curriculum: CurriculumHolder(report.curriculum, loadedAt: Date()),
            curriculumDirectory: repositoryRoot,
            pages: try await Pages.load(),
            keys: KeyStore(dataDirectory: folder),
            issuer: CredentialIssuer(name: "Test", baseURL: "http://127.0.0.1:8080"),
            passwords: Passwords(cost: 4),
            metrics: metrics
        )
    }
}
