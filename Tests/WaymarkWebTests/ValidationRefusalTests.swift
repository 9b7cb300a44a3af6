import Foundation
import HTTPTypes
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ValidationRefusalChecks {
    /// Every form, sent by someone allowed to send it but with none of its fields: a page asking
    /// for them, "not found" for a form about nothing, or the page's own word when the record
    /// does not allow it now (409), never "something went wrong" (500) nor the store's refusal
    /// standing in for a question the form should have asked.
    static func aFormWithNoneOfItsFieldsIsNeverAServerFault(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.recordProgress(finishing: ["role", "lived-experience", "listening", "boundaries"])
        let traineeID = try #require(app.people[.trainee]?.id)
        let personID = try #require(app.people[.coordinator]?.id)
        // The route table fills as the router is built.
        _ = try WebApplication.router(app.web)
        let forms = app.web.routes.routes.filter { $0.method == .post && $0.path != "/logout" }
        #expect(forms.count >= 20)
        try await app.test { browser in
            for role in [Role?.none, .trainee, .coordinator, .supervisor, .admin] {
                if let role { try await browser.signIn("\(role.rawValue)@example.org") }
                for route in forms where route.access.allows(role.flatMap { app.people[$0] }) {
                    let path = SecurityChecks.concrete(route.path, traineeID: traineeID, personID: personID)
                    try await browser.get(role == nil ? "/login" : "/")
                    let page = try await browser.post(path, [])
                    let who = "\(role?.rawValue ?? "anonymous") POST \(route.path)"
                    #expect(page.status != .internalServerError, "\(who)")
                    #expect(!page.html.contains(WebError.internalProblem("").heading), "\(who)")
                    #expect(!page.html.contains(WebError.conflict.heading), "\(who) gave \(page.status)")
                }
                if role != nil { try await browser.post("/logout") }
            }
        }
    }

    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aFormWithNoneOfItsFieldsIsNeverAServerFault", aFormWithNoneOfItsFieldsIsNeverAServerFault)
    ])
}
