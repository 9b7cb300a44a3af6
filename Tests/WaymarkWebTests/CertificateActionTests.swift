import Foundation
import Testing
import WaymarkActions
import WaymarkCredentials
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum CertificateActionChecks {
    /// Suspend, reinstate and revoke are offered only where they fit the certificate's state; one
    /// sent anyway (an old page, a crafted form) gets a kind page and changes nothing.
    static func onlyTheChangesThatFitTheCertificateAreOfferedOrAccepted(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        @Sendable func events() async throws -> Int { try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).count }
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)")
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "issue")]).status == .seeOther)
            func buttons() async throws -> Set<String> {
                let page = try await browser.get("/trainees/\(traineeID)")
                return Set(["suspend", "reinstate", "revoke"].filter { page.html.contains("name=\"action\" value=\"\($0)\"") })
            }
            #expect(try await buttons() == ["suspend", "revoke"])

            // Reinstating a valid certificate used to answer 500.
            let before = try await events()
            let reinstate = try await browser.post("/trainees/\(traineeID)/certificate", [("action", "reinstate"), ("reason", "Cleared")])
            #expect(reinstate.status == .conflict)
            #expect(reinstate.html.contains("not on hold, so there is nothing to reinstate"))
            #expect(reinstate.html.contains("href=\"#certificate-actions\""))
            #expect(reinstate.html.contains("value=\"Cleared\""))
            #expect(try await events() == before)

            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "suspend"), ("reason", "Looking into a complaint")]).status == .seeOther)
            #expect(try await buttons() == ["reinstate", "revoke"])
            try await browser.get("/trainees/\(traineeID)")
            let again = try await browser.post("/trainees/\(traineeID)/certificate", [("action", "suspend"), ("reason", "Twice")])
            #expect(again.status == .conflict)
            #expect(again.html.contains("on hold already"))

            try await browser.get("/trainees/\(traineeID)")
            let noReason = try await browser.post("/trainees/\(traineeID)/certificate", [("action", "reinstate"), ("reason", " ")])
            #expect(noReason.status == .badRequest)
            #expect(noReason.html.contains("href=\"#reason\""))
            #expect(noReason.html.contains("aria-invalid=\"true\" aria-describedby=\"reason-error reason-hint\""))

            try await browser.get("/trainees/\(traineeID)")
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "revoke"), ("reason", "Complaint upheld")]).status == .seeOther)
            #expect(try await buttons() == [])
            let afterRevoke = try await events()
            let revoked = try await browser.post("/trainees/\(traineeID)/certificate", [("action", "reinstate"), ("reason", "Sorry")])
            #expect(revoked.status == .conflict)
            #expect(revoked.html.contains("was revoked, so it cannot be changed"))
            #expect(try await events() == afterRevoke)
        }
    }
}

extension CertificateActionChecks {
    /// "My certificate" offers printing, the badge and "share with pride" only while the
    /// certificate is valid; suspended or revoked, it says so and what to do next.
    static func myCertificateOffersSharingOnlyWhileValid(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        let records = TraineeRecords(store: app.store)
        let code = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date()).code
        func mine() async throws -> Browser.Page {
            try await app.test { browser in
                try await browser.signIn("trainee@example.org")
                return try await browser.get("/certificate")
            }
        }
        let valid = try await mine()
        #expect(valid.html.contains("Share the code with pride"))
        #expect(valid.html.contains("href=\"/certificates/\(code)\""))
        #expect(valid.html.contains("\(code).jwt"))
        // LinkedIn's add-to-profile form, filled in with the certificate and where to check it.
        let linkedIn = try #require(valid.html.firstMatch(of: /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/).map { String($0.1) })
        let query = try #require(URLComponents(string: linkedIn.replacingOccurrences(of: "&amp;", with: "&"))?.queryItems)
        let fields = Dictionary(query.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(fields["startTask"] == "CERTIFICATION_NAME")
        #expect(fields["name"] == "Certified Peer Mentor")
        #expect(fields["organizationName"] == "Waymark Test Organisation")
        #expect(fields["certId"] == code)
        #expect(fields["certUrl"] == "http://127.0.0.1:8080/verify/\(code)")
        #expect(fields["issueYear"].flatMap(Int.init) ?? 0 >= 2026)
        #expect(fields["expirationYear"].flatMap(Int.init) == fields["issueYear"].flatMap(Int.init).map { $0 + 2 })

        try await records.record(.certificateSuspended(code: code), for: traineeID, on: app.programme, by: coordinator, reason: "Checking", at: Date())
        let suspended = try await mine()
        #expect(!suspended.html.contains("Share the code with pride"))
        #expect(!suspended.html.contains("href=\"/certificates/\(code)\""))
        #expect(!suspended.html.contains("\(code).jwt"))
        #expect(!suspended.html.contains("linkedin.com"))
        #expect(suspended.html.contains("Suspended"))
        #expect(suspended.html.contains("Talk to your coordinator"))

        try await records.record(.certificateRevoked(code: code), for: traineeID, on: app.programme, by: coordinator, reason: "Upheld", at: Date())
        let revoked = try await mine()
        #expect(!revoked.html.contains("Share the code with pride"))
        #expect(!revoked.html.contains("\(code).jwt"))
        #expect(revoked.html.contains("no longer valid"))
    }
}

extension CertificateActionChecks {
    /// A certificate that is not valid today never prints as a valid one: its status is on the
    /// paper, as large as the title. The verify page links to the printable certificate, and
    /// HEAD on the signed credential answers as GET does.
    static func aCertificateThatIsNotValidNeverPrintsAsValid(_ backend: Backend) async throws {
        // The server's clock runs 800 days ahead, so a certificate issued today has expired there.
        let app = try await WebTestApp(backend: backend, now: { Date().addingTimeInterval(800 * 86_400) })
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        let expired = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date()).code
        try await app.test { browser in
            let printable = try await browser.get("/certificates/\(expired)")
            #expect(printable.status == .ok)
            #expect(printable.html.contains("<p class=\"void-status\">Not valid: Expired</p>"))
            let verified = try await browser.get("/verify/\(expired)")
            #expect(verified.html.contains("href=\"/certificates/\(expired)\""))

            let head = try await browser.client.execute(uri: "/credentials/\(expired).jwt", method: .head, headers: [:], body: nil)
            let get = try await browser.get("/credentials/\(expired).jwt")
            #expect(get.status == .ok)
            #expect(head.status == .ok)
            #expect(head.headers[.contentType] == "application/vc+jwt")
            #expect(head.body.readableBytes == 0)
            let missing = try await browser.client.execute(uri: "/credentials/\(CertificateCode.random()).jwt", method: .head, headers: [:], body: nil)
            #expect(missing.status == .notFound)
        }
    }

    static func aSuspendedOrRevokedCertificateShowsItsStatusOnPaper(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        let records = TraineeRecords(store: app.store)
        let code = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date()).code
        let css = try String(contentsOf: repositoryRoot.appendingPathComponent("Sources/WaymarkWeb/Static/waymark.css"), encoding: .utf8)
        func fontSize(_ selector: String) -> String? {
            guard let rule = css.range(of: selector + " {") else { return nil }
            let rest = css[rule.upperBound...]
            guard let size = rest.range(of: #"font-size: [0-9.]+rem"#, options: .regularExpression), let end = rest.firstIndex(of: "}"),
                size.lowerBound < end
            else { return nil }
            return String(rest[size])
        }
        #expect(fontSize(".printable-certificate .void-status") != nil)
        #expect(fontSize(".printable-certificate .void-status") == fontSize(".printable-certificate h1"))
        try await app.test { browser in
            #expect(!(try await browser.get("/certificates/\(code)")).html.contains("void-status"))
            try await records.record(.certificateSuspended(code: code), for: traineeID, on: app.programme, by: coordinator, reason: "Checking", at: Date())
            let suspended = try await browser.get("/certificates/\(code)")
            #expect(suspended.html.contains("<p class=\"void-status\">Not valid: Suspended</p>"))
            try await records.record(.certificateRevoked(code: code), for: traineeID, on: app.programme, by: coordinator, reason: "Upheld", at: Date())
            let revoked = try await browser.get("/certificates/\(code)")
            #expect(revoked.html.contains("<p class=\"void-status\">Not valid: Revoked</p>"))
            // Nothing in print hides it.
            #expect(!revoked.html.contains("no-print\"><p class=\"void-status"))
        }
    }
}

extension CertificateActionChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("onlyTheChangesThatFitTheCertificateAreOfferedOrAccepted", onlyTheChangesThatFitTheCertificateAreOfferedOrAccepted),
        StoreCheck("myCertificateOffersSharingOnlyWhileValid", myCertificateOffersSharingOnlyWhileValid),
        StoreCheck("aCertificateThatIsNotValidNeverPrintsAsValid", aCertificateThatIsNotValidNeverPrintsAsValid),
        StoreCheck("aSuspendedOrRevokedCertificateShowsItsStatusOnPaper", aSuspendedOrRevokedCertificateShowsItsStatusOnPaper),
    ])
}
