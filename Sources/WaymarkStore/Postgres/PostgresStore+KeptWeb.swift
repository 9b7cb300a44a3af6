import Foundation
import PostgresNIO

extension PostgresStore {
    // Still used by PostgresStore+Outbox.swift (createToken with mail); goes when Outbox is written once.
    static func insertToken(
        _ connection: PostgresConnection,
        tokenHash: String,
        purpose: TokenPurpose,
        personID: String?,
        at: Date,
        expiresAt: Date,
        logger: Logger
    ) async throws {
        try await connection.perform(WebSQL.insertToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt), logger: logger)
    }
}
