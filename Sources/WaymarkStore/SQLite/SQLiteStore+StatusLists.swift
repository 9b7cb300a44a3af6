import Foundation
import GRDB
import WaymarkCertificates

extension SQLiteStore {
    public func statusLists() async throws -> [StoredStatusList] {
        try await readDatabase { db in try db.fetchRows(StatusListSQL.all).compactMap(StatusListSQL.statusList) }
    }

    public func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList? {
        try await readDatabase { db in try db.fetchFirstRow(StatusListSQL.one(list, purpose: purpose)).flatMap(StatusListSQL.statusList) }
    }

    public func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits {
        try await readDatabase { db in
            // One read transaction: the version and the bits are from the same moment.
            let version = try db.fetchFirstRow(StatusListSQL.version(list, purpose: purpose))?.optional("version", as: Int.self)
            let indexes = try db.fetchRows(StatusListSQL.setIndexes(list, purpose: purpose)).map { try $0.required("status_index", as: Int.self) }
            return StatusListBits(version: version ?? 0, setIndexes: indexes)
        }
    }

    public func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws {
        try await writeDatabase { db in _ = try db.perform(StatusListSQL.saveBuilt(list, purpose: purpose, built: built)) }
    }
}
