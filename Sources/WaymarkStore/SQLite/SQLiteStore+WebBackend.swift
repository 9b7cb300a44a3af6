import Foundation
import GRDB

extension SQLiteStore {
    func liveSession(tokenHash: String, at: Date) async throws -> SessionRecord? {
        let query = WebSQL.session(tokenHash: tokenHash, at: at)
        return try quickRead { db in
            // Every request reads its session: keep the prepared statement (about a fifth of a
            // page's CPU went to preparing this SQL again each time), and read its columns by
            // position rather than through a `Row`.
            try ColumnReader.first(db.cachedStatement(sql: SQLDialect.sqlite.sql(query)), query.sqliteArguments) { row in
                SessionRecord(
                    person: Person(
                        id: row.text(0) ?? "",
                        name: row.text(1) ?? "",
                        email: row.text(2) ?? "",
                        roles: PeopleSQL.decodeRoles(row.text(3) ?? ""),
                        passwordHash: row.text(4),
                        isActive: row.bool(5),
                        createdAt: Date(timeIntervalSince1970: row.double(6))
                    ),
                    csrfToken: row.text(7) ?? "",
                    expiresAt: Date(timeIntervalSince1970: row.double(8)),
                    createdAt: Date(timeIntervalSince1970: row.double(9))
                )
            }
        }
    }

    /// One writer: the read and the swap in one transaction cannot be overtaken.
    func writeStatementByStatement<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await write(body)
    }
}
