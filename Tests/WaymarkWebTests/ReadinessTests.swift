import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkStore
@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ReadinessChecks {
    /// Ready when the database answers and has every migration; a database that lacks one is
    /// "not ready", with the reason in plain words, for GET and HEAD alike.
    static func readyzSaysWhyWhenAMigrationIsPending(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.test { browser in
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.html == "ready\n")
            #expect(try await browser.client.execute(uri: "/readyz", method: .head).status == .ok)

            let last = try #require(try await app.store.appliedMigrations().last)
            switch backend {
            case .sqlite: try await app.store.execute(unsafeSQL: "DELETE FROM grdb_migrations WHERE identifier = '\(last)'")
            case .postgres: try await app.store.execute(unsafeSQL: "DELETE FROM schema_migrations WHERE name = '\(last)'")
            }
            #expect(try await app.store.pendingMigrations() == [last])
            let pending = try await browser.get("/readyz")
            #expect(pending.status == .serviceUnavailable)
            #expect(pending.html.hasPrefix("not ready: "))
            #expect(pending.html.contains("1 migration (\(last))"))
            let head = try await browser.client.execute(uri: "/readyz", method: .head)
            #expect(head.status == .serviceUnavailable)
            #expect(head.body.readableBytes == 0)
            // /healthz only asks whether the database answers: it does.
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }
}

extension ReadinessChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("readyzSaysWhyWhenAMigrationIsPending", readyzSaysWhyWhenAMigrationIsPending),
    ])
}
