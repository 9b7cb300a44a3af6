import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

let metricsToken = "test-metrics-token-0123456789abcdef"

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum MetricsChecks {
    /// After sign-ins, pages and recorded events, /metrics (with the token) reads as Prometheus
    /// text and counts them; routes are named by their pattern, so no person's id or
    /// certificate code appears anywhere in it.
    static func metricsCountRequestsSignInsAndEventsByRoutePattern(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend, metrics: WebMetrics(token: metricsToken))
        try await app.addPeople()
        try await app.recordProgress()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            #expect(try await browser.signIn("trainee@example.org", password: "not the password").status == .unauthorized)
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)/vetting")
            try await browser.get("/verify/WM-0000-0000-0000-0000-0")
            try await browser.get("/no-such-page")

            browser.extraHeaders[.authorization] = "Bearer \(metricsToken)"
            let page = try await browser.get("/metrics")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let metrics = try PrometheusText(page.html)
            let requests = WebMetrics.requests
            #expect(metrics.value(requests, ["route": "/login", "method": "POST", "status": "401"]) == 1)
            #expect(metrics.value(requests, ["route": "/login", "method": "POST", "status": "303"]) == 1)
            #expect(metrics.value(requests, ["route": "/trainees/{trainee}/vetting", "method": "GET", "status": "200"]) == 1)
            #expect(metrics.value(requests, ["route": "/verify/{code}", "method": "GET"]) == 1)
            #expect(metrics.value(requests, ["route": "unmatched", "status": "404"]) == 1)
            #expect(metrics.value(WebMetrics.latency + "_count", ["route": "/trainees/{trainee}/vetting"]) == 1)
            #expect(metrics.value(WebMetrics.latency + "_bucket", ["route": "/trainees/{trainee}/vetting", "le": "+Inf"]) == 1)
            #expect(metrics.value(WebMetrics.signIns, ["outcome": "succeeded"]) == 1)
            #expect(metrics.value(WebMetrics.signIns, ["outcome": "refused"]) == 1)
            #expect(metrics.value(WebMetrics.signIns, ["outcome": "throttled"]) == 0)
            // recordProgress appended one event per recruitment check, and the decision.
            let appended = try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count
            #expect(appended > 0)
            #expect(metrics.value(WebMetrics.eventsAppended) == Double(appended))
            #expect(metrics.value(WebMetrics.databaseErrors) == 0)
            #expect(metrics.value(WebMetrics.curriculum, ["programme": "peer-mentoring", "version": app.programme.version]) == 1)
            for sample in metrics.samples {
                if let route = sample.labels["route"] { #expect(route.hasPrefix("/") || route == "unmatched", "route label \(route)") }
            }
            #expect(!page.html.contains(traineeID))
            #expect(!page.html.contains("WM-0000"))
        }
    }
}

@Suite struct MetricsTests {
    /// Without a token set, /metrics is not on the site at all; with one, only the right
    /// bearer token reads it, and nothing else (a cookie, a token in the address) will do.
    @Test func metricsAreServedOnlyWithTheirToken() async throws {
        let closed = try await WebTestApp()
        let unserved = try await closed.test { browser in
            browser.extraHeaders[.authorization] = "Bearer \(metricsToken)"
            return try await browser.get("/metrics").status
        }
        #expect(unserved == .notFound)
        let app = try await WebTestApp(metrics: WebMetrics(token: metricsToken))
        try await app.test { browser in
            let none = try await browser.get("/metrics")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(!none.html.contains("waymark_"))
            #expect(try await browser.get("/metrics?token=\(metricsToken)").status == .unauthorized)
            for wrong in ["Bearer \(metricsToken.dropLast())", "Bearer \(metricsToken)x", "Basic \(metricsToken)", metricsToken, "Bearer "] {
                browser.extraHeaders[.authorization] = wrong
                #expect(try await browser.get("/metrics").status == .unauthorized, "\(wrong)")
            }
            browser.extraHeaders[.authorization] = "bearer \(metricsToken)"
            #expect(try await browser.get("/metrics").status == .ok)
            let head = try await browser.client.execute(uri: "/metrics", method: .head, headers: browser.extraHeaders, body: nil)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
        }
    }

    /// The metrics port (loopback only) serves /metrics without a token, the same counts.
    @Test func theMetricsPortServesMetricsWithoutAToken() async throws {
        let app = try await WebTestApp(metrics: WebMetrics(token: nil))
        _ = try await app.test { browser in try await browser.get("/login") }
        try await Application(router: WebApplication.metricsRouter(app.web)).test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let metrics = try PrometheusText(String(buffer: response.body))
            #expect(metrics.value(WebMetrics.requests, ["route": "/login", "method": "GET", "status": "200"]) == 1)
            #expect(try await client.execute(uri: "/", method: .get).status == .notFound)
        }
    }

    /// A reload's new version replaces the old one in the curriculum series.
    @Test func theCurriculumSeriesFollowsAReload() async throws {
        let app = try await WebTestApp()
        let before = try PrometheusText(app.web.metrics.text(curriculum: app.web.curriculum))
        #expect(before.value(WebMetrics.curriculum, ["programme": "peer-mentoring", "version": app.programme.version]) == 1)
        var changed = app.web.curriculum.current
        let index = try #require(changed.programmes.firstIndex { $0.id == "peer-mentoring" })
        changed.programmes[index].version = "test-next"
        app.web.curriculum.replace(with: changed, at: Date())
        let after = try PrometheusText(app.web.metrics.text(curriculum: app.web.curriculum))
        #expect(after.value(WebMetrics.curriculum, ["programme": "peer-mentoring", "version": "test-next"]) == 1)
        #expect(after.value(WebMetrics.curriculum, ["programme": "peer-mentoring", "version": app.programme.version]) == nil)
    }

    /// A token too short to be safe, or one with spaces, is refused before the server starts.
    @Test func aWeakMetricsTokenIsRefused() {
        #expect(MetricsToken.problem("short") != nil)
        #expect(MetricsToken.problem("a token with spaces in it, long enough") != nil)
        #expect(MetricsToken.problem(String(repeating: "x", count: 300)) != nil)
        #expect(MetricsToken.problem(metricsToken) == nil)
    }
}

extension MetricsChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("metricsCountRequestsSignInsAndEventsByRoutePattern", metricsCountRequestsSignInsAndEventsByRoutePattern),
    ])
}
