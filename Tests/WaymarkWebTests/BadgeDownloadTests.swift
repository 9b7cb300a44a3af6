import Foundation
import HTTPTypes
import Testing
import WaymarkActions
import WaymarkCredentials
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum BadgeDownloadChecks {
    /// "My certificate" leads with the badge as a PNG and an SVG, each the holder's own with the
    /// signed credential baked in; a suspended or revoked certificate offers none, and the
    /// routes refuse it. HEAD answers as GET does.
    static func theHolderDownloadsTheirBadgeOnlyWhileTheCertificateIsValid(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Siobhán O’Connor-Müller")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        let code = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date()).code
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let page = try await browser.get("/certificate")
            #expect(page.html.contains("href=\"/certificate/badge.png\""))
            #expect(page.html.contains("href=\"/certificate/badge.svg\""))
            #expect(page.html.contains("Add it to a badge backpack (a website that keeps your badges)"))
            // A preview drawn in the page itself (an image would need the session to load).
            #expect(page.html.contains("<div class=\"badge-preview\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\""))
            let words = page.html.matches(of: /<text [^>]*>([^<]*)<\/text>/).map { String($0.1) }.joined()
            #expect(words.filter { !$0.isWhitespace }.contains("SiobhánO’Connor-Müller"), "the preview reads \(words)")
            let badgeAt = try #require(page.html.range(of: "/certificate/badge.png")).lowerBound
            let recordAt = try #require(page.html.range(of: "\(code).jwt")).lowerBound
            #expect(badgeAt < recordAt, "the page leads with the pictures")

            let cookies = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let jwt = try await browser.get("/credentials/\(code).jwt").html
            for format in BadgeFormat.allCases {
                let path = "/certificate/badge.\(format.rawValue)"
                let get = try await browser.client.execute(uri: path, method: .get, headers: [.cookie: cookies], body: nil)
                let head = try await browser.client.execute(uri: path, method: .head, headers: [.cookie: cookies], body: nil)
                #expect(get.status == .ok, "\(path)")
                #expect(get.headers[.contentType] == format.contentType)
                #expect(get.headers[.contentDisposition] == "attachment; filename=\"badge-\(code).\(format.rawValue)\"")
                #expect(head.status == .ok && head.headers[.contentType] == format.contentType && head.body.readableBytes == 0)
                let bytes = Array(get.body.readableBytesView)
                #expect(bytes.count > 1_000)
                // The credential is baked in whole, in either picture.
                #expect(String(decoding: bytes, as: UTF8.self).contains(jwt), "\(path) has no credential baked in")
            }
        }

        let records = TraineeRecords(store: app.store)
        try await records.record(.certificateSuspended(code: code), for: traineeID, on: app.programme, by: coordinator, reason: "Checking", at: Date())
        try await expectNoBadge(app)
        try await records.record(.certificateRevoked(code: code), for: traineeID, on: app.programme, by: coordinator, reason: "Upheld", at: Date())
        try await expectNoBadge(app)
    }

    /// An expired certificate offers no badge either.
    static func anExpiredCertificateHasNoBadge(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend, now: { Date().addingTimeInterval(800 * 86_400) })
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        _ = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date())
        try await expectNoBadge(app)
    }

    /// A name the PNG's pixel font cannot draw gets the SVG only, and the page says why: the
    /// PNG never leaves a letter out.
    static func aNameThePixelFontCannotDrawGetsTheSVGAndSaysWhy(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "李小龍 Lee")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        let coordinator = try #require(app.people[.coordinator]?.id)
        _ = try await app.web.certificates.issue(to: traineeID, on: app.programme, by: coordinator, at: Date())
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let page = try await browser.get("/certificate")
            #expect(!page.html.contains("href=\"/certificate/badge.png\""))
            #expect(page.html.contains("href=\"/certificate/badge.svg\""))
            #expect(page.html.contains("The PNG picture cannot draw every letter of your certificate (“李”, “小”, “龍”)"))
            let png = try await browser.get("/certificate/badge.png")
            #expect(png.status == .conflict)
            #expect(png.html.contains("This picture cannot be made"))
            let svg = try await browser.get("/certificate/badge.svg")
            #expect(svg.status == .ok)
            #expect(svg.html.contains(">李小龍 Lee</text>"))
        }
    }

    static func expectNoBadge(_ app: WebTestApp) async throws {
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let page = try await browser.get("/certificate")
            #expect(!page.html.contains("/certificate/badge."))
            #expect(!page.html.contains("Your digital badge"))
            for format in BadgeFormat.allCases {
                let refused = try await browser.get("/certificate/badge.\(format.rawValue)")
                #expect(refused.status == .notFound)
                #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(refused.html.contains("There is no badge to download"))
            }
        }
    }
}

extension BadgeDownloadChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("theHolderDownloadsTheirBadgeOnlyWhileTheCertificateIsValid", theHolderDownloadsTheirBadgeOnlyWhileTheCertificateIsValid),
        StoreCheck("anExpiredCertificateHasNoBadge", anExpiredCertificateHasNoBadge),
        StoreCheck("aNameThePixelFontCannotDrawGetsTheSVGAndSaysWhy", aNameThePixelFontCannotDrawGetsTheSVGAndSaysWhy),
    ])
}
