import Foundation
import WaymarkCertificates

extension AnyWaymarkStore {
    public func statusLists() async throws -> [StoredStatusList] {
        try await backend.read { db in try await db.fetchRows(StatusListSQL.all).compactMap(StatusListSQL.statusList) }
    }

    public func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList? {
        try await backend.read { db in try await db.fetchFirstRow(StatusListSQL.one(list, purpose: purpose)).flatMap(StatusListSQL.statusList) }
    }

    public func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits {
        // One snapshot: the version and the bits are from the same moment.
        try await backend.read(snapshot: true) { db in
            let version = try await db.fetchFirstRow(StatusListSQL.version(list, purpose: purpose))?.optional("version", as: Int.self)
            let indexes = try await db.fetchRows(StatusListSQL.setIndexes(list, purpose: purpose)).map { try $0.required("status_index", as: Int.self) }
            return StatusListBits(version: version ?? 0, setIndexes: indexes)
        }
    }

    public func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws {
        try await backend.write { db in _ = try await db.perform(StatusListSQL.saveBuilt(list, purpose: purpose, built: built)) }
    }
}
