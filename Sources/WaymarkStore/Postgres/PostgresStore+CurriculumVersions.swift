import Foundation
import PostgresNIO

extension PostgresStore: CurriculumVersionStore {
    public func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome {
        let lock = curriculumVersionLock
        return try await write(timeout: .seconds(120)) { [self] connection in
            // Two servers storing at once: the second waits here, then finds the first's number
            // (or its digest) and counts on from it.
            try await connection.run("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
            if let row = try await connection.rows("SELECT * FROM curriculum_versions WHERE digest = \(version.digest)", logger: logger).first {
                return .alreadyStored(try Self.curriculumVersion(row))
            }
            let newest = try await connection.rows("SELECT MAX(number) AS n FROM curriculum_versions", logger: logger).first
            let number = (try newest?.value("n", as: Int.self) ?? 0) + 1
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
            try await connection.run(
                """
                INSERT INTO curriculum_versions (number, digest, stored_by, stored_on, stored_at, programmes, file_count, total_bytes)
                VALUES (\(number), \(stored.digest), \(stored.storedByID), \(stored.storedOn), \(stored.storedAt.timeIntervalSince1970),
                    \(stored.programmes), \(stored.fileCount), \(stored.totalBytes))
                """,
                logger: logger
            )
            for file in version.files {
                try await connection.run(
                    "INSERT INTO curriculum_files (version, path, bytes) VALUES (\(number), \(file.path), \(ByteBuffer(bytes: file.bytes)))",
                    logger: logger
                )
            }
            return .stored(stored)
        }
    }

    public func newestCurriculumVersionNumber() async throws -> Int? {
        try await read { [self] connection in
            try await connection.rows("SELECT MAX(number) AS n FROM curriculum_versions", logger: logger).first?.value("n", as: Int.self)
        }
    }

    public func curriculumVersion(number: Int) async throws -> CurriculumVersion? {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM curriculum_versions WHERE number = \(number)", logger: logger).first.map(Self.curriculumVersion)
        }
    }

    public func curriculumVersion(digest: String) async throws -> CurriculumVersion? {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM curriculum_versions WHERE digest = \(digest)", logger: logger).first.map(Self.curriculumVersion)
        }
    }

    public func curriculumVersions(limit: Int) async throws -> [CurriculumVersion] {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM curriculum_versions ORDER BY number DESC LIMIT \(limit)", logger: logger).map(Self.curriculumVersion)
        }
    }

    public func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])] {
        try await read { [self] connection in
            try await connection.rows("SELECT path, bytes FROM curriculum_files WHERE version = \(number) ORDER BY path COLLATE \"C\"", logger: logger)
                .map { row in
                    (path: try row.required("path", as: String.self), bytes: Array(buffer: try row.required("bytes", as: ByteBuffer.self)))
                }
        }
    }

    public func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws {
        var binds = PostgresBindings()
        binds.append(check.serverID)
        if let running = check.runningVersion { binds.append(running) } else { binds.appendNull() }
        binds.append(check.checkedAt.timeIntervalSince1970)
        binds.append(check.startedAt.timeIntervalSince1970)
        let cutoff = check.checkedAt.timeIntervalSince1970 - CurriculumCheckSQL.keptFor
        let record = binds
        try await write { [self] connection in
            try await connection.run(PostgresQuery(unsafeSQL: CurriculumCheckSQL.record, binds: record), logger: logger)
            try await connection.run(PostgresQuery(unsafeSQL: CurriculumCheckSQL.forget, binds: Self.binds(cutoff)), logger: logger)
        }
    }

    public func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck] {
        try await read { [self] connection in
            try await connection.rows(PostgresQuery(unsafeSQL: CurriculumCheckSQL.since, binds: Self.binds(since.timeIntervalSince1970)), logger: logger)
                .map { row in
                    CurriculumServerCheck(
                        serverID: try row.required("server_id"),
                        runningVersion: try row.value("running_version"),
                        checkedAt: try row.requiredDate("checked_at"),
                        startedAt: try row.requiredDate("started_at")
                    )
                }
        }
    }

    static func curriculumVersion(_ row: PostgresRandomAccessRow) throws -> CurriculumVersion {
        CurriculumVersion(
            number: try row.required("number"),
            digest: try row.required("digest"),
            storedByID: try row.value("stored_by"),
            storedOn: try row.required("stored_on"),
            storedAt: try row.requiredDate("stored_at"),
            programmes: try row.required("programmes"),
            fileCount: try row.required("file_count"),
            totalBytes: try row.required("total_bytes")
        )
    }

    /// The advisory lock that numbers versions one at a time, one per schema (as `migrationLock`).
    var curriculumVersionLock: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "waymark-curriculum-versions:\(settings.schema ?? "public")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
