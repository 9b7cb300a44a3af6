import Foundation

/// Where a PostgreSQL database is, read from a `postgres://user:password@host:port/database`
/// address. Query options: `sslmode=disable|prefer|require` (TLS is used only with `require`),
/// `schema=NAME` (the tables live in that schema, created when missing; default `public`) and
/// `pool=N` (connections per server, default 20) and `timeout=SECONDS` (how long one operation
/// may wait for the database, default 10).
public struct PostgresSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var schema: String?
    public var requireTLS: Bool
    public var maximumConnections: Int
    /// How long one operation may wait for the database before it fails (`timeout=SECONDS`, default 10).
    public var timeout: Duration

    /// Whether an address names PostgreSQL rather than a SQLite file.
    public static func isPostgres(_ address: String) -> Bool {
        address.hasPrefix("postgres://") || address.hasPrefix("postgresql://")
    }

    /// Reads an address; the error says what is wrong with it, never repeating the password.
    public init(url address: String) throws {
        guard Self.isPostgres(address), let components = URLComponents(string: address) else {
            throw StoreError.unavailable("'\(Self.redacted(address))' is not a postgres:// address")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.unavailable("the address \(Self.redacted(address)) needs a user name, as in postgres://waymark@localhost/waymark")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StoreError.unavailable(
                "the address \(Self.redacted(address)) needs a database name after the host, as in postgres://waymark@localhost/waymark"
            )
        }
        self.host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        let options = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        switch options["sslmode"] ?? "prefer" {
        case "require", "verify-ca", "verify-full": requireTLS = true
        case "disable", "allow", "prefer": requireTLS = false
        case let other: throw StoreError.unavailable("sslmode=\(other) is not known; use disable, prefer or require")
        }
        if let schema = options["schema"] {
            guard !schema.isEmpty, schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw StoreError.unavailable("schema=\(schema) must be letters, digits and underscores")
            }
            self.schema = schema
        } else {
            self.schema = nil
        }
        if let pool = options["pool"] {
            guard let count = Int(pool), count > 0 else { throw StoreError.unavailable("pool=\(pool) must be a number above 0") }
            maximumConnections = count
        } else {
            maximumConnections = 20
        }
        if let seconds = options["timeout"] {
            guard let value = Int(seconds), value > 0 else { throw StoreError.unavailable("timeout=\(seconds) must be a number of seconds above 0") }
            timeout = .seconds(value)
        } else {
            timeout = .seconds(10)
        }
    }

    /// The address with any password replaced, for messages and logs.
    public static func redacted(_ address: String) -> String {
        guard var components = URLComponents(string: address), components.password != nil else { return address }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    /// This database's address without the password.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)\(schema.map { "?schema=\($0)" } ?? "")"
    }
}
