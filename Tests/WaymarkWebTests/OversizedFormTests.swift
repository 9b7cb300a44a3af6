import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum OversizedFormChecks {
    /// A form far bigger than any Waymark shows gets a kind 413 page as soon as the body passes
    /// the limit, and nothing is saved.
    static func anOversizedFormGetsAKind413AndNothingIsSaved(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        // Practice is open, so the one form that fits is saved.
        try await app.recordProgress(finishing: app.programme.modules.map(\.id))
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/practice")
            for size in [300_000, 1_000_000] {
                let page = try await browser.post("/practice", [("date", "2026-11-20"), ("hours", "2"), ("setting", String(repeating: "x", count: size))])
                #expect(page.status == .contentTooLarge, "\(size) bytes gave \(page.status)")
                #expect(page.html.contains("Nothing was saved"))
            }
            #expect(try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count == before)
            try await browser.get("/practice")
            #expect(try await browser.post("/practice", [("date", "2026-11-20"), ("hours", "2"), ("setting", "Café")]).status == .seeOther)
        }
    }
}

extension OversizedFormChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("anOversizedFormGetsAKind413AndNothingIsSaved", anOversizedFormGetsAKind413AndNothingIsSaved),
    ])
}
