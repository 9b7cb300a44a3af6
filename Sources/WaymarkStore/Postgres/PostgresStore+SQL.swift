import Logging
import PostgresNIO

/// `SQLStatement`s on PostgreSQL.
extension PostgresConnection {
    /// Runs a statement for its effect; returns how many rows it returned (add RETURNING to count changes).
    @discardableResult
    func perform(_ statement: SQLStatement, logger: Logger) async throws -> Int {
        try await run(statement.postgresQuery, logger: logger)
    }

    func fetchRows(_ statement: SQLStatement, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await rows(statement.postgresQuery, logger: logger)
    }

    func fetchFirstRow(_ statement: SQLStatement, logger: Logger) async throws -> PostgresRandomAccessRow? {
        try await rows(statement.postgresQuery, logger: logger).first
    }
}

extension SQLStatement {
    var postgresQuery: PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .real(let real): bindings.append(real)
            case .text(let text): bindings.append(text)
            case .boolean(let boolean): bindings.append(boolean)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: SQLDialect.postgres.sql(self), binds: bindings)
    }
}
