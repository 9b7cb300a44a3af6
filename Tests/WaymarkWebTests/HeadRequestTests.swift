import Foundation
import HTTPTypes
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum HeadRequestChecks {
    /// HEAD answered 404 everywhere but the credential files. Now every GET route answers it,
    /// with GET's status and headers and no body; a HEAD is not counted as a lookup.
    static func headAnswersAsGetDoesWithoutTheBody(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        let code = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date()).code
        try await app.test { browser in
            let everyone = [
                "/", "/login", "/verify", "/healthz", "/static/waymark.css", "/.well-known/jwks.json", "/certificates/\(code)",
                "/verify/\(code)", "/credentials/\(code).json", "/credentials/\(code)/status", "/no-such-page", "/dashboard",
            ]
            func compare(_ paths: [String], cookies: String?) async throws {
                for path in paths {
                    var headers: HTTPFields = [:]
                    if let cookies { headers[.cookie] = cookies }
                    let get = try await browser.client.execute(uri: path, method: .get, headers: headers, body: nil)
                    let counted = try await app.store.lookupCount(code: code).count
                    let head = try await browser.client.execute(uri: path, method: .head, headers: headers, body: nil)
                    #expect(try await app.store.lookupCount(code: code).count == counted, "HEAD \(path) was counted as a lookup")
                    #expect(head.status == get.status, "HEAD \(path)")
                    #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(path)")
                    #expect(head.body.readableBytes == 0, "HEAD \(path) has a body")
                    #expect(head.headers[.contentLength] == get.headers[.contentLength], "HEAD \(path) gives another length than GET")
                }
            }
            try await compare(everyone, cookies: nil)
            try await browser.signIn("trainee@example.org")
            let cookies = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            try await compare(["/dashboard", "/certificate", "/cpd", "/reflections", "/practice", "/modules/role"], cookies: cookies)
        }
    }
}

extension HeadRequestChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("headAnswersAsGetDoesWithoutTheBody", headAnswersAsGetDoesWithoutTheBody),
    ])
}
