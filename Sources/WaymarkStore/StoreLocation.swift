import Foundation
import Logging
import PostgresNIO

/// Where Waymark keeps its record: the SQLite file in the data folder (the default), another
/// SQLite file, or a PostgreSQL database shared by several servers.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// The store named by `--database` or `WAYMARK_DATABASE_URL` (`postgres://...`, or a path to a
    /// `.sqlite` file); when neither is given, `waymark.sqlite` in the data folder.
    public static func resolve(_ database: String?, dataDirectory: URL) throws -> StoreLocation {
        guard let database = database?.trimmingCharacters(in: .whitespaces), !database.isEmpty else {
            return .sqlite(path: dataDirectory.appendingPathComponent("waymark.sqlite").path)
        }
        if PostgresSettings.isPostgres(database) { return .postgres(try PostgresSettings(url: database)) }
        if database.contains("://") {
            throw StoreError.unavailable("'\(PostgresSettings.redacted(database))' is neither a postgres:// address nor a file")
        }
        return .sqlite(path: database.hasPrefix("sqlite:") ? String(database.dropFirst("sqlite:".count)) : database)
    }

    /// Whether there is a record here already (a PostgreSQL database always counts: it is made by its owner).
    public var exists: Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let settings): settings.description
        }
    }

    /// Commands report failures themselves; the pool's retries would only be noise.
    public static var quietLogger: Logger {
        var logger = Logger(label: "waymark.store")
        logger.logLevel = .error
        return logger
    }

    /// A store for a long-running server: for PostgreSQL, `pool` is the connection pool (a
    /// ServiceLifecycle service) for the server to run beside the web server, and `prepare` brings
    /// the schema up to date once it runs (within `timeout`). SQLite is ready as it comes.
    public func openForServer(logger: Logger, timeout: Duration = .seconds(30)) throws -> ServerStore {
        switch self {
        case .sqlite(let path):
            return ServerStore(store: try Self.openSQLite(path), pool: nil, prepare: {})
        case .postgres(let settings):
            let store = PostgresStore(settings: settings, logger: logger)
            return ServerStore(
                store: AnyWaymarkStore(
                    store,
                    location: settings.description,
                    migratedNow: [],
                    close: {}
                ),
                pool: store.client,
                prepare: {
                    let applied = try await Self.within(timeout, settings: settings) { try await store.migrate() }
                    if !applied.isEmpty { logger.info("Applied migrations: \(applied.joined(separator: ", "))") }
                }
            )
        }
    }

    /// The SQLite store at `path`, its folder made first (mode 0700) and its schema up to date.
    private static func openSQLite(_ path: String) throws -> AnyWaymarkStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.unavailable("cannot create the data folder \(folder.path): \(error.localizedDescription)")
        }
        return try AnyWaymarkStore.sqlite(path: path)
    }

    /// Opens the store and brings its schema up to date. For PostgreSQL the connection pool runs
    /// until `close()`; a database that cannot be reached within `timeout` is an error that says so.
    public func open(logger: Logger = StoreLocation.quietLogger, timeout: Duration = .seconds(15)) async throws -> AnyWaymarkStore {
        switch self {
        case .sqlite(let path):
            return try Self.openSQLite(path)
        case .postgres(let settings):
            let store = PostgresStore(settings: settings, logger: logger)
            let pool = Task { await store.run() }
            let migrated: [String]
            do {
                migrated = try await Self.within(timeout, settings: settings) { try await store.migrate() }
            } catch {
                pool.cancel()
                await pool.value
                throw error
            }
            return AnyWaymarkStore(
                store,
                location: settings.description,
                migratedNow: migrated,
                close: {
                    pool.cancel()
                    await pool.value
                }
            )
        }
    }

    /// Runs `body`, giving up after `timeout`: a pool that cannot connect keeps retrying rather than failing.
    private static func within<T: Sendable>(
        _ timeout: Duration,
        settings: PostgresSettings,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let result = try await group.next(), let value = result else {
                throw StoreError.unavailable(
                    "no answer from PostgreSQL at \(settings.host):\(settings.port) within \(timeout) (is it running, and may \(settings.user) connect to \(settings.database)?)"
                )
            }
            return value
        }
    }
}

/// A store as a server holds it (see `StoreLocation.openForServer`).
public struct ServerStore: Sendable {
    public let store: AnyWaymarkStore
    /// PostgreSQL's connection pool, to run as a service for as long as the server runs.
    public let pool: PostgresClient?
    /// Brings the schema up to date; call once the pool runs, before serving.
    public let prepare: @Sendable () async throws -> Void
}
