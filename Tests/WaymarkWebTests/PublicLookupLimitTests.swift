import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Every public lookup (the verify page, the printable certificate, the credential and its
/// status) is limited per address, so no visitor can make the server read and count without
/// end. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum PublicLookupLimitChecks {
    /// Ten seconds into the current minute: the limit counts per minute, so a fixed moment keeps
    /// a slow run from crossing into the next one, and the wait is known (50 s).
    static var tenSecondsIntoAMinute: Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 + 10)
    }

    static func everyPublicLookupSharesOneLimitAndPastItIsRefusedAndNotCounted(_ backend: Backend) async throws {
        let moment = tenSecondsIntoAMinute
        let app = try await WebTestApp(backend: backend, now: { moment })
        try await app.addPeople()
        try await app.makeTraineeEligible()
        try await app.test { browser in
            let code = try await app.issueCertificateAsCoordinator(browser)
            let routes = [
                "/verify/\(code)", "/certificates/\(code)", "/credentials/\(code).jwt", "/credentials/\(code).json", "/credentials/\(code)/status",
            ]
            // 30 a minute from one address, however they are spread over the routes.
            for _ in 0..<6 {
                for route in routes { #expect(try await browser.get(route).status == .ok, "\(route)") }
            }
            for route in routes.prefix(2) {
                let refused = try await browser.get(route)
                #expect(refused.status == .tooManyRequests, "\(route)")
                #expect(refused.headers[.retryAfter] == "50", "\(route)")
                #expect(refused.html.contains("Please slow down a little"), "\(route)")
            }
            for route in routes.dropFirst(2) {
                let refused = try await browser.get(route)
                #expect(refused.status == .tooManyRequests, "\(route)")
                #expect(refused.headers[.retryAfter] == "50", "\(route)")
                #expect(refused.headers[.contentType] == "text/plain; charset=utf-8", "\(route)")
                #expect(refused.html.contains("try again in 50 seconds"), "\(route)")
            }
            let head = try await browser.client.execute(uri: "/credentials/\(code).jwt", method: .head, headers: [:], body: nil)
            #expect(head.status == .tooManyRequests)
            #expect(head.headers[.retryAfter] == "50")
            // The 30 that went through are counted; nothing refused is.
            #expect(try await app.store.lookupCount(code: code).count == 30)
            #expect(
                try await app.store.lookupDays(code: code, limit: 5) == [
                    LookupDay(day: LookupDay.day(of: moment), page: 12, credential: 12, status: 6)
                ]
            )
        }
    }

    /// Each address has its own count: one visitor past the limit does not shut out another
    /// behind the same load balancer, and nobody can spend someone else's by naming them.
    static func differentAddressesHaveSeparateLookupLimits(_ backend: Backend) async throws {
        let moment = tenSecondsIntoAMinute
        let app = try await WebTestApp(backend: backend)
        let behindProxy = try await app.variant(trustedProxies: ["127.0.0.1"], now: { moment })
        let status = "/credentials/WM-7KQ2-9XHP-3D8M-TB4N-Q/status"
        try await app.testLive(behindProxy) { (client: any TestClientProtocol) async throws -> Void in
            for _ in 0..<30 { #expect(try await client.lookUp(status, from: "203.0.113.5") == .notFound) }
            #expect(try await client.lookUp(status, from: "203.0.113.5") == .tooManyRequests)
            #expect(try await client.lookUp("/verify/WM-7KQ2-9XHP-3D8M-TB4N-Q", from: "203.0.113.5") == .tooManyRequests)
            #expect(try await client.lookUp(status, from: "203.0.113.9") == .notFound)
            #expect(try await client.lookUp("/verify/WM-7KQ2-9XHP-3D8M-TB4N-Q", from: "2001:db8::1") == .notFound)
        }
    }
}

extension TestClientProtocol {
    /// A GET from a client a trusted proxy names in `X-Forwarded-For`; the status.
    fileprivate func lookUp(_ path: String, from address: String) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [:]
        if let name = HTTPField.Name("X-Forwarded-For") { headers[name] = address }
        return try await execute(uri: path, method: .get, headers: headers, body: nil).status
    }
}

extension PublicLookupLimitChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("everyPublicLookupSharesOneLimitAndPastItIsRefusedAndNotCounted", everyPublicLookupSharesOneLimitAndPastItIsRefusedAndNotCounted),
        StoreCheck("differentAddressesHaveSeparateLookupLimits", differentAddressesHaveSeparateLookupLimits),
    ])
}
