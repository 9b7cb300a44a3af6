import Foundation

/// Stored curriculum versions and servers' checks for a newer one, written once for both stores.
enum CurriculumVersionSQL {
    static func byDigest(_ digest: String) -> SQLStatement { "SELECT * FROM curriculum_versions WHERE digest = \(digest)" }

    static func byNumber(_ number: Int) -> SQLStatement { "SELECT * FROM curriculum_versions WHERE number = \(number)" }

    static let newestNumber: SQLStatement = "SELECT MAX(number) AS n FROM curriculum_versions"

    static func newest(limit: Int) -> SQLStatement { "SELECT * FROM curriculum_versions ORDER BY number DESC LIMIT \(limit)" }

    static func insert(_ stored: CurriculumVersion) -> SQLStatement {
        """
        INSERT INTO curriculum_versions (number, digest, stored_by, stored_on, stored_at, programmes, file_count, total_bytes)
        VALUES (\(stored.number), \(stored.digest), \(stored.storedByID), \(stored.storedOn), \(stored.storedAt), \(stored.programmes),
            \(stored.fileCount), \(stored.totalBytes))
        """
    }

    static func insertFile(version: Int, path: String, bytes: [UInt8]) -> SQLStatement {
        "INSERT INTO curriculum_files (version, path, bytes) VALUES (\(version), \(path), \(bytes))"
    }

    static func files(version: Int) -> SQLStatement {
        "SELECT path, bytes FROM curriculum_files WHERE version = \(version) ORDER BY path\(.binaryOrder)"
    }

    /// Servers not seen for a week are forgotten, so the table stays as small as the fleet.
    static let keptFor: Double = 7 * 86_400

    static func recordCheck(_ check: CurriculumServerCheck) -> SQLStatement {
        """
        INSERT INTO curriculum_servers (server_id, running_version, checked_at, started_at)
        VALUES (\(check.serverID), \(check.runningVersion), \(check.checkedAt), \(check.startedAt))
        ON CONFLICT (server_id) DO UPDATE SET running_version = excluded.running_version, checked_at = excluded.checked_at,
            started_at = excluded.started_at
        """
    }

    static func forgetChecks(before check: CurriculumServerCheck) -> SQLStatement {
        "DELETE FROM curriculum_servers WHERE checked_at < \(check.checkedAt.timeIntervalSince1970 - keptFor)"
    }

    static func checks(since: Date) -> SQLStatement {
        "SELECT * FROM curriculum_servers WHERE checked_at >= \(since) ORDER BY checked_at DESC, server_id\(.binaryOrder)"
    }

    /// What a new version will be, numbered after the newest one stored.
    static func numbered(_ version: NewCurriculumVersion, after newest: Int?) -> CurriculumVersion {
        CurriculumVersion(
            number: (newest ?? 0) + 1,
            digest: version.digest,
            storedByID: version.storedByID,
            storedOn: version.storedOn,
            storedAt: version.storedAt,
            programmes: version.programmes,
            fileCount: version.files.count,
            totalBytes: version.files.reduce(0) { $0 + $1.bytes.count }
        )
    }

    static func curriculumVersion(_ row: any SQLRow) throws -> CurriculumVersion {
        CurriculumVersion(
            number: try row.required("number"),
            digest: try row.required("digest"),
            storedByID: try row.optional("stored_by"),
            storedOn: try row.required("stored_on"),
            storedAt: try row.requiredDate("stored_at"),
            programmes: try row.required("programmes"),
            fileCount: try row.required("file_count"),
            totalBytes: try row.required("total_bytes")
        )
    }

    static func file(_ row: any SQLRow) throws -> (path: String, bytes: [UInt8]) {
        (path: try row.required("path", as: String.self), bytes: try row.bytes("bytes") ?? [])
    }

    static func check(_ row: any SQLRow) throws -> CurriculumServerCheck {
        CurriculumServerCheck(
            serverID: try row.required("server_id"),
            runningVersion: try row.optional("running_version"),
            checkedAt: try row.requiredDate("checked_at"),
            startedAt: try row.requiredDate("started_at")
        )
    }
}
