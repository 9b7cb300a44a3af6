import Foundation
import PostgresNIO
import WaymarkCertificates

extension PostgresStore {
    public func statusLists() async throws -> [StoredStatusList] {
        try await onConnection { [self] connection in try await connection.fetchRows(StatusListSQL.all, logger: logger).compactMap(StatusListSQL.statusList) }
    }

    public func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(StatusListSQL.one(list, purpose: purpose), logger: logger).flatMap(StatusListSQL.statusList)
        }
    }

    public func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits {
        // One statement: the version and the bits are from the same snapshot.
        let version = StatusListSQL.version(list, purpose: purpose)
        let indexes = StatusListSQL.setIndexes(list, purpose: purpose)
        let both: SQLStatement = "SELECT (\(version)) AS version, ARRAY(\(indexes)) AS indexes"
        return try await onConnection { [self] connection in
            let row = try await connection.fetchFirstRow(both, logger: logger)
            return StatusListBits(version: try row?.value("version", as: Int.self) ?? 0, setIndexes: try row?.value("indexes", as: [Int].self) ?? [])
        }
    }

    public func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws {
        try await transaction { [self] connection in try await connection.perform(StatusListSQL.saveBuilt(list, purpose: purpose, built: built), logger: logger) }
    }

    /// Values for a statement written with `$1`, `$2`... (one shared with SQLite).
    static func binds(_ values: any PostgresDynamicTypeEncodable...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}
