import Foundation
import HTTPTypes
import Testing
import WaymarkCertificates
import WaymarkCredentials
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum StatusListRouteChecks {
    /// A coordinator's suspension, reinstatement and revocation each build the lists in the wake
    /// of the change (the kept copy is current before anyone asks), and the served list then
    /// carries the certificate's bit; the credential itself never changes.
    static func theServedListsFollowEachChangeTheCoordinatorMakes(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let keys = try app.web.certificates.jwks()
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)")
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "issue")]).status == .seeOther)
            let certificate = try #require(try await app.store.certificates(traineeID: traineeID).first)
            let slot = try #require(certificate.statusSlot)
            let credential = try await browser.get("/credentials/\(certificate.code).jwt").html

            func served(_ purpose: StatusPurpose) async throws -> Bool? {
                let kept = try #require(try await app.store.statusList(slot.list, purpose: purpose))
                #expect(!kept.needsBuilding(for: app.web.certificates.issuer.id), "\(purpose) was not built in the wake of the change")
                let response = try await browser.client.execute(uri: "/status-lists/\(slot.list)/\(purpose.rawValue)", method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                let jwt = String(buffer: response.body)
                #expect(jwt == kept.built?.jwt, "every server serves the copy kept in the database")
                let url = app.web.certificates.issuer.statusListURL(list: slot.list, purpose: purpose)
                let bits = try StatusListCheck.list(jwt, keys: keys, url: url, issuer: app.web.certificates.issuer.id, purpose: purpose, now: Date()).get()
                return bits.isSet(slot.index)
            }
            #expect(try await served(.revocation) == false)
            #expect(try await served(.suspension) == false)

            try await browser.get("/trainees/\(traineeID)")
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "suspend"), ("reason", "Looking into a complaint")]).status == .seeOther)
            #expect(try await served(.suspension) == true)
            #expect(try await served(.revocation) == false)

            try await browser.get("/trainees/\(traineeID)")
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "reinstate"), ("reason", "Cleared")]).status == .seeOther)
            #expect(try await served(.suspension) == false)

            try await browser.get("/trainees/\(traineeID)")
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "revoke"), ("reason", "Complaint upheld")]).status == .seeOther)
            #expect(try await served(.revocation) == true)
            #expect(try await served(.suspension) == false)
            #expect(try await browser.get("/credentials/\(certificate.code).jwt").html == credential)
        }
    }

    /// What caches need: the type, how long to keep it, an ETag that a second request can send
    /// back for a 304, and when it was built; HEAD answers the same without the body.
    static func theListsAreServedForCaches(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        _ = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date())
        try await app.test { browser in
            let get = try await browser.client.execute(uri: "/status-lists/1/revocation", method: .get, headers: [:], body: nil)
            #expect(get.status == .ok)
            #expect(get.headers[.contentType] == "application/vc+jwt")
            #expect(get.headers[.cacheControl] == "public, max-age=300")
            let etag = try #require(get.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            let modified = try #require(get.headers[.lastModified])
            #expect(modified.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#, options: .regularExpression) != nil, "\(modified)")

            let again = try await browser.client.execute(uri: "/status-lists/1/revocation", method: .get, headers: [.ifNoneMatch: etag], body: nil)
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == etag)

            let head = try await browser.client.execute(uri: "/status-lists/1/revocation", method: .head, headers: [:], body: nil)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            #expect(head.headers[.contentType] == "application/vc+jwt" && head.headers[.eTag] == etag)

            for missing in ["/status-lists/2/revocation", "/status-lists/1/expiry", "/status-lists/0/revocation", "/status-lists/x/suspension"] {
                #expect(try await browser.client.execute(uri: missing, method: .get, headers: [:], body: nil).status == .notFound, "\(missing)")
            }
        }
    }

    /// Two servers on one database serve the same signed list, byte for byte: a change made on
    /// one is what the other serves next, without the other being told.
    static func twoServersServeTheSameList(_ backend: Backend) async throws {
        let first = try await WebTestApp(backend: backend)
        try await first.addPeople()
        try await first.makeTraineeEligible()
        let second = try await WebTestApp(secondServerOf: first)
        let traineeID = try #require(first.people[.trainee]?.id)
        let coordinator = try #require(first.people[.coordinator]?.id)
        let certificate = try await first.web.certificates.issue(to: traineeID, on: first.programme, by: coordinator, at: Date())
        let slot = try #require(try await first.store.certificate(code: certificate.code)?.statusSlot)
        let path = "/status-lists/\(slot.list)/suspension"

        func servedByBoth() async throws -> (String, String) {
            let one = try await first.test { browser in String(buffer: try await browser.client.execute(uri: path, method: .get, headers: [:], body: nil).body) }
            let other = try await second.test { browser in String(buffer: try await browser.client.execute(uri: path, method: .get, headers: [:], body: nil).body) }
            return (one, other)
        }
        let (before, beforeOnTheOther) = try await servedByBoth()
        #expect(before == beforeOnTheOther && before.hasPrefix("ey"))

        try await first.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)")
            let suspended = try await browser.post("/trainees/\(traineeID)/certificate", [("action", "suspend"), ("reason", "Looking into a complaint")])
            #expect(suspended.status == .seeOther)
        }
        let (after, afterOnTheOther) = try await servedByBoth()
        #expect(after != before, "the suspension changed the list")
        #expect(after == afterOnTheOther, "the other server serves the list the first one built")
        let keys = try first.web.certificates.jwks()
        let issuer = first.web.certificates.issuer
        let bits = try StatusListCheck.list(
            afterOnTheOther,
            keys: keys,
            url: issuer.statusListURL(list: slot.list, purpose: .suspension),
            issuer: issuer.id,
            purpose: .suspension,
            now: Date()
        ).get()
        #expect(bits.isSet(slot.index) == true)
    }
}

extension StatusListRouteChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("theServedListsFollowEachChangeTheCoordinatorMakes", theServedListsFollowEachChangeTheCoordinatorMakes),
        StoreCheck("theListsAreServedForCaches", theListsAreServedForCaches),
        StoreCheck("twoServersServeTheSameList", twoServersServeTheSameList),
    ])
}
