import Foundation
import GRDB

extension SQLiteStore {
    public func statusLists() async throws -> [StoredStatusList] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM status_lists ORDER BY list, purpose").compactMap(Self.statusList)
        }
    }

    public func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM status_lists WHERE list = ? AND purpose = ?", arguments: [list, purpose.rawValue])
                .flatMap(Self.statusList)
        }
    }

    public func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits {
        try await read { db in
            // One read transaction: the version and the bits are from the same moment.
            let version = try Int.fetchOne(
                db,
                sql: "SELECT version FROM status_lists WHERE list = ? AND purpose = ?",
                arguments: [list, purpose.rawValue]
            )
            let indexes = try Int.fetchAll(
                db,
                sql: """
                    SELECT status_index FROM certificates
                    WHERE status_list = ? AND state IN (\(purpose.states.map { _ in "?" }.joined(separator: ", "))) ORDER BY status_index
                    """,
                arguments: StatementArguments([list] + purpose.states.map(\.rawValue))
            )
            return StatusListBits(version: version ?? 0, setIndexes: indexes)
        }
    }

    public func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws {
        try await write { db in
            try db.execute(
                sql: StatusListSQL.saveBuilt,
                arguments: [built.jwt, built.version, built.at.timeIntervalSince1970, built.issuerID, list, purpose.rawValue]
            )
        }
    }

    static func statusList(_ row: Row) -> StoredStatusList? {
        guard let purpose = StatusPurpose(rawValue: row["purpose"]) else { return nil }
        var built: StoredStatusList.Built?
        if let jwt: String = row["jwt"], let version: Int = row["built_version"], let at: Double = row["built_at"],
            let issuerID: String = row["built_for"]
        {
            built = StoredStatusList.Built(jwt: jwt, version: version, at: Date(timeIntervalSince1970: at), issuerID: issuerID)
        }
        return StoredStatusList(list: row["list"], purpose: purpose, version: row["version"], built: built)
    }
}
