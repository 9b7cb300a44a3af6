import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// The verify form, as a browser sends it: a GET form, so spaces arrive as `+`.
@Suite struct VerifyFormTests {
    @Test func aCodeTypedWithSmallLettersAndSpacesFindsTheCertificate() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople(traineeName: "Jo Holder")
        try await app.makeTraineeEligible()
        try await app.test { browser in
            let code = try await app.issueCertificateAsCoordinator(browser)

            // "wm 00eh vqgx …" typed into the field, as the browser puts it in the address.
            let typed = code.lowercased().replacingOccurrences(of: "-", with: "+")
            let sent = try await browser.get("/verify?code=\(typed)")
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            #expect(!location.contains("+"), "the plus signs were kept as characters: \(location)")
            let verified = try await browser.get(location)
            #expect(verified.status == .ok)
            #expect(verified.html.contains("Jo Holder"))

            // A real plus sign, sent as %2B, stays one (and is not a code).
            let plus = try await browser.get("/verify?code=WM%2B1")
            #expect(plus.location?.contains("%2B") == true)
        }
    }
}
