import Foundation
import Logging
import PostgresNIO

/// The store on a PostgreSQL database, for several Waymark servers sharing one record. The same
/// protocols, rules and errors as `SQLiteStore`; everything a server needs from another (sessions,
/// counters, one-time links, submissions) lives in the database.
///
/// The connection pool runs for as long as `run()` does: `serve` runs it as a service beside the
/// web server, commands and tests through `start()` and `close()`.
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    let settings: PostgresSettings

    /// A store for the database at a `postgres://` address. Nothing connects until it runs.
    public init(settings: PostgresSettings, logger: Logger = Logger(label: "waymark.postgres")) {
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.user,
            password: settings.password,
            database: settings.database,
            tls: settings.requireTLS ? .require(.makeClientConfiguration()) : .disable
        )
        configuration.options.maximumConnections = settings.maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        if let schema = settings.schema {
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.settings = settings
    }

    /// Runs the connection pool until the surrounding task is cancelled.
    public func run() async {
        await client.run()
    }

    /// Writes in one transaction, turning database errors into `StoreError`. A failure rolls
    /// everything in `body` back.
    @discardableResult
    func transaction<T: Sendable>(
        timeout: Duration? = nil,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await withDeadline(timeout) { [client, logger] in
                try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as PostgresTransactionError {
            if let closure = error.closureError as? StoreError { throw closure }
            throw Self.storeError(error.closureError ?? error.commitError ?? error.beginError ?? error)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Reads on one connection (a consistent snapshot is not needed for single statements).
    func onConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await withDeadline { [client] in try await client.withConnection { connection in try await body(connection) } }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Gives up on an operation after `settings.timeout`: while the database cannot be reached the
    /// pool keeps retrying and a request would otherwise wait for ever (a health check too).
    func withDeadline<T: Sendable>(_ timeout: Duration? = nil, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let timeout = timeout ?? settings.timeout
        let settings = settings
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw StoreError.unavailable("no answer from PostgreSQL at \(settings.host):\(settings.port) within \(timeout)")
            }
            return value
        }
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else { return .unavailable(String(describing: error)) }
        let state = error.serverInfo?[.sqlState]
        let constraint = error.serverInfo?[.constraintName] ?? ""
        let message = error.serverInfo?[.message] ?? ""
        // Another server wrote the same event number, or gave the same status bit to a new certificate.
        if state == "23505", constraint == "events_pkey" || constraint == "certificates_status_slot" { return .conflict }
        if state == "23505", constraint == "people_email_key" { return .duplicateEmail("") }
        if message.contains("append-only") {
            return .refused("Events cannot be changed or deleted: the record is append-only.")
        }
        if let serverInfo = error.serverInfo {
            return .unavailable("\(serverInfo[.sqlState] ?? "") \(message)")
        }
        return .unavailable("cannot reach PostgreSQL at \(String(describing: error.code))")
    }
}

extension PostgresConnection {
    /// Runs a statement and reads its rows as random-access rows.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) {
            rows.append(PostgresRandomAccessRow(row))
        }
        return rows
    }

    /// Runs a statement for its effect; returns how many rows it returned (use RETURNING to count changes).
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await self.query(query, logger: logger) { count += 1 }
        return count
    }
}

extension PostgresRandomAccessRow {
    /// The column's value, or nil when NULL.
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T? where T._DecodableType == T {
        try self[column].decode(T?.self)
    }

    /// The column's value; a NULL in a column the schema says is NOT NULL is a broken database.
    func required<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T where T._DecodableType == T {
        guard let value = try self[column].decode(T?.self) else { throw StoreError.unavailable("the column \(column) is unexpectedly empty") }
        return value
    }

    func date(_ column: String) throws -> Date? {
        try value(column, as: Double.self).map(Date.init(timeIntervalSince1970:))
    }

    func requiredDate(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try required(column, as: Double.self))
    }
}
