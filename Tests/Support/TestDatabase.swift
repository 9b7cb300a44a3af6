import Foundation
import Testing
import WaymarkStore

/// Which store a test runs on.
public enum Backend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }
}

/// Fresh, empty stores for tests: a SQLite file in a temporary folder, or a schema of its own in
/// the PostgreSQL database named by `WAYMARK_TEST_DATABASE_URL` (so tests run side by side and
/// leave nothing behind). Without that variable the PostgreSQL suites are skipped, by name.
public enum TestDatabase {
    public static let variable = "WAYMARK_TEST_DATABASE_URL"

    /// The PostgreSQL database for tests, when one is set.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else { return nil }
        return url
    }

    public static var hasPostgres: Bool { postgresURL != nil }

    /// How long a test waits for its store to open and migrate.
    public static let openTimeout: Duration = .seconds(90)

    public static let skipReason = "PostgreSQL suite skipped: set \(variable) to a postgres:// address (.ci/run does)"

    /// Where a new, empty store for one test lives.
    public static func freshLocation(_ backend: Backend, folder: URL) throws -> StoreLocation {
        switch backend {
        case .sqlite:
            return .sqlite(path: folder.appendingPathComponent("waymark.sqlite").path)
        case .postgres:
            guard let url = postgresURL else { throw StoreError.unavailable(skipReason) }
            let schema = "waymark_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            // Few connections each: dozens of tests run at once against one server.
            return try StoreLocation.resolve(url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool=4", dataDirectory: folder)
        }
    }

    /// The same database and schema as `location`, as a `--database` address for commands and servers.
    public static func address(_ location: StoreLocation) -> String? {
        guard case .postgres(let settings) = location, let url = postgresURL, let schema = settings.schema else { return nil }
        return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)&pool=4"
    }
}

/// An empty store in a temporary folder, for one test; `remove()` deletes it all.
public final class TemporaryStore: Sendable {
    public let backend: Backend
    public let folder: URL
    public let location: StoreLocation
    public let store: AnyWaymarkStore

    public init(_ backend: Backend) async throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-test-\(UUID().uuidString)")
        location = try TestDatabase.freshLocation(backend, folder: folder)
        // Dozens of tests make and migrate a schema each at once on two cores: the 15 s a server
        // allows is too short for that crowd, and a test that gives up proves nothing.
        store = try await location.open(timeout: TestDatabase.openTimeout)
    }

    /// Runs a test on a fresh store and removes the store afterwards, whatever happened.
    public static func run(_ backend: Backend, _ body: (TemporaryStore) async throws -> Void) async throws {
        let temporary = try await TemporaryStore(backend)
        do {
            try await body(temporary)
        } catch {
            await temporary.remove()
            throw error
        }
        await temporary.remove()
    }

    /// The store's address for `--database` (nil for the SQLite file in `folder`).
    public var databaseAddress: String? { TestDatabase.address(location) }

    public func remove() async {
        try? await store.dropTestSchema()
        await store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a suite only when a PostgreSQL database for tests is set; otherwise each of its tests
    /// is reported as skipped, with the reason.
    public static var needsPostgres: Self {
        .enabled(if: TestDatabase.hasPostgres, "PostgreSQL skipped: set WAYMARK_TEST_DATABASE_URL (.ci/run does)")
    }
}
