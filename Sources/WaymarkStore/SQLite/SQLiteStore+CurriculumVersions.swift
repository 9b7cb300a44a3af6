import Foundation
import GRDB

extension SQLiteStore: CurriculumVersionStore {
    public func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome {
        // One writer at a time in SQLite: the number read here is still the newest at the insert.
        try await write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM curriculum_versions WHERE digest = ?", arguments: [version.digest]) {
                return .alreadyStored(Self.curriculumVersion(row))
            }
            let number = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM curriculum_versions") ?? 0) + 1
            let stored = CurriculumVersion(
                number: number,
                digest: version.digest,
                storedByID: version.storedByID,
                storedOn: version.storedOn,
                storedAt: version.storedAt,
                programmes: version.programmes,
                fileCount: version.files.count,
                totalBytes: version.files.reduce(0) { $0 + $1.bytes.count }
            )
            try db.execute(
                sql: """
                    INSERT INTO curriculum_versions (number, digest, stored_by, stored_on, stored_at, programmes, file_count, total_bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    number, stored.digest, stored.storedByID, stored.storedOn, stored.storedAt.timeIntervalSince1970, stored.programmes,
                    stored.fileCount, stored.totalBytes,
                ]
            )
            for file in version.files {
                try db.execute(
                    sql: "INSERT INTO curriculum_files (version, path, bytes) VALUES (?, ?, ?)",
                    arguments: [number, file.path, Data(file.bytes)]
                )
            }
            return .stored(stored)
        }
    }

    public func newestCurriculumVersionNumber() async throws -> Int? {
        try await read { db in try Int.fetchOne(db, sql: "SELECT MAX(number) FROM curriculum_versions") }
    }

    public func curriculumVersion(number: Int) async throws -> CurriculumVersion? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM curriculum_versions WHERE number = ?", arguments: [number]).map(Self.curriculumVersion)
        }
    }

    public func curriculumVersion(digest: String) async throws -> CurriculumVersion? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM curriculum_versions WHERE digest = ?", arguments: [digest]).map(Self.curriculumVersion)
        }
    }

    public func curriculumVersions(limit: Int) async throws -> [CurriculumVersion] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM curriculum_versions ORDER BY number DESC LIMIT ?", arguments: [limit]).map(Self.curriculumVersion)
        }
    }

    public func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT path, bytes FROM curriculum_files WHERE version = ? ORDER BY path", arguments: [number]).map { row in
                let data: Data = row["bytes"] ?? Data()
                return (path: row["path"], bytes: [UInt8](data))
            }
        }
    }

    public func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws {
        try await write { db in
            try db.execute(sql: CurriculumCheckSQL.record, arguments: [check.serverID, check.runningVersion, check.checkedAt.timeIntervalSince1970, check.startedAt.timeIntervalSince1970])
            try db.execute(sql: CurriculumCheckSQL.forget, arguments: [check.checkedAt.timeIntervalSince1970 - CurriculumCheckSQL.keptFor])
        }
    }

    public func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck] {
        try await read { db in
            try Row.fetchAll(db, sql: CurriculumCheckSQL.since, arguments: [since.timeIntervalSince1970]).map { row in
                CurriculumServerCheck(
                    serverID: row["server_id"],
                    runningVersion: row["running_version"],
                    checkedAt: Date(timeIntervalSince1970: row["checked_at"]),
                    startedAt: Date(timeIntervalSince1970: row["started_at"])
                )
            }
        }
    }

    static func curriculumVersion(_ row: Row) -> CurriculumVersion {
        CurriculumVersion(
            number: row["number"],
            digest: row["digest"],
            storedByID: row["stored_by"],
            storedOn: row["stored_on"],
            storedAt: Date(timeIntervalSince1970: row["stored_at"]),
            programmes: row["programmes"],
            fileCount: row["file_count"],
            totalBytes: row["total_bytes"]
        )
    }
}

/// The statements both stores use for servers' checks (`$1`-style works in both).
enum CurriculumCheckSQL {
    /// Servers not seen for a week are forgotten, so the table stays as small as the fleet.
    static let keptFor: Double = 7 * 86_400

    static let record = """
        INSERT INTO curriculum_servers (server_id, running_version, checked_at, started_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (server_id) DO UPDATE SET running_version = excluded.running_version, checked_at = excluded.checked_at,
            started_at = excluded.started_at
        """
    static let forget = "DELETE FROM curriculum_servers WHERE checked_at < $1"
    static let since = "SELECT * FROM curriculum_servers WHERE checked_at >= $1 ORDER BY checked_at DESC, server_id"
}
