import Foundation
import PostgresNIO

extension PostgresStore {
    public func statusLists() async throws -> [StoredStatusList] {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM status_lists ORDER BY list, purpose COLLATE \"C\"", logger: logger).compactMap(Self.statusList)
        }
    }

    public func statusList(_ list: Int, purpose: StatusPurpose) async throws -> StoredStatusList? {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM status_lists WHERE list = \(list) AND purpose = \(purpose.rawValue)", logger: logger)
                .first.flatMap(Self.statusList)
        }
    }

    public func statusListBits(_ list: Int, purpose: StatusPurpose) async throws -> StatusListBits {
        // One statement: the version and the bits are from the same snapshot.
        try await read { [self] connection in
            let row = try await connection.rows(
                """
                SELECT (SELECT version FROM status_lists WHERE list = \(list) AND purpose = \(purpose.rawValue)) AS version,
                    ARRAY(SELECT status_index::BIGINT FROM certificates WHERE status_list = \(list) AND state = ANY(\(purpose.states.map(\.rawValue)))
                        ORDER BY status_index) AS indexes
                """,
                logger: logger
            ).first
            return StatusListBits(version: try row?.value("version", as: Int.self) ?? 0, setIndexes: try row?.value("indexes", as: [Int].self) ?? [])
        }
    }

    public func saveStatusList(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) async throws {
        let binds = Self.binds(built.jwt, built.version, built.at.timeIntervalSince1970, built.issuerID, list, purpose.rawValue)
        try await write { [self] connection in
            try await connection.run(
                PostgresQuery(unsafeSQL: StatusListSQL.saveBuilt, binds: binds),
                logger: logger
            )
        }
    }

    static func statusList(_ row: PostgresRandomAccessRow) throws -> StoredStatusList? {
        guard let purpose = StatusPurpose(rawValue: try row.required("purpose", as: String.self)) else { return nil }
        var built: StoredStatusList.Built?
        if let jwt = try row.value("jwt", as: String.self), let version = try row.value("built_version", as: Int.self),
            let at = try row.date("built_at"), let issuerID = try row.value("built_for", as: String.self)
        {
            built = StoredStatusList.Built(jwt: jwt, version: version, at: at, issuerID: issuerID)
        }
        return StoredStatusList(list: try row.required("list"), purpose: purpose, version: try row.required("version"), built: built)
    }

    /// Values for a statement written with `$1`, `$2`... (one shared with SQLite).
    static func binds(_ values: any PostgresDynamicTypeEncodable...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}
