import Foundation
import GRDB

extension SQLiteStore {
    // Still used by SQLiteStore+Outbox.swift (createToken with mail); goes when Outbox is written once.
    static func insertToken(_ db: Database, tokenHash: String, purpose: TokenPurpose, personID: String?, at: Date, expiresAt: Date) throws {
        try db.perform(WebSQL.insertToken(tokenHash: tokenHash, purpose: purpose, personID: personID, at: at, expiresAt: expiresAt))
    }
}
