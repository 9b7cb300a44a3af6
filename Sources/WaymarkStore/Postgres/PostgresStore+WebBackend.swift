import Foundation
import PostgresNIO

extension PostgresStore {
    func liveSession(tokenHash: String, at: Date) async throws -> SessionRecord? {
        try await read { db in try await db.fetchFirstRow(WebSQL.session(tokenHash: tokenHash, at: at)).map(WebSQL.session) }
    }

    /// Outside a transaction: each statement commits as it runs, holding no row lock after it.
    func writeStatementByStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await onConnection { [logger] connection in try await body(PostgresSession(connection: connection, logger: logger)) }
    }
}
