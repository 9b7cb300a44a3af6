import Foundation
import PostgresNIO

extension PostgresStore: CurriculumVersionStore {
    public func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome {
        let lock = curriculumVersionLock
        return try await transaction(timeout: .seconds(120)) { [self] connection in
            // Two servers storing at once: the second waits here, then finds the first's number
            // (or its digest) and counts on from it.
            try await connection.run("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
            if let row = try await connection.fetchFirstRow(CurriculumVersionSQL.byDigest(version.digest), logger: logger) {
                return .alreadyStored(try CurriculumVersionSQL.curriculumVersion(row))
            }
            let newest = try await connection.fetchFirstRow(CurriculumVersionSQL.newestNumber, logger: logger)?.optional("n", as: Int.self)
            let stored = CurriculumVersionSQL.numbered(version, after: newest)
            try await connection.perform(CurriculumVersionSQL.insert(stored), logger: logger)
            for file in version.files {
                try await connection.perform(CurriculumVersionSQL.insertFile(version: stored.number, path: file.path, bytes: file.bytes), logger: logger)
            }
            return .stored(stored)
        }
    }

    public func newestCurriculumVersionNumber() async throws -> Int? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(CurriculumVersionSQL.newestNumber, logger: logger)?.optional("n", as: Int.self)
        }
    }

    public func curriculumVersion(number: Int) async throws -> CurriculumVersion? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(CurriculumVersionSQL.byNumber(number), logger: logger).map(CurriculumVersionSQL.curriculumVersion)
        }
    }

    public func curriculumVersion(digest: String) async throws -> CurriculumVersion? {
        try await onConnection { [self] connection in
            try await connection.fetchFirstRow(CurriculumVersionSQL.byDigest(digest), logger: logger).map(CurriculumVersionSQL.curriculumVersion)
        }
    }

    public func curriculumVersions(limit: Int) async throws -> [CurriculumVersion] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(CurriculumVersionSQL.newest(limit: limit), logger: logger).map(CurriculumVersionSQL.curriculumVersion)
        }
    }

    public func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(CurriculumVersionSQL.files(version: number), logger: logger).map(CurriculumVersionSQL.file)
        }
    }

    public func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws {
        try await transaction { [self] connection in
            try await connection.perform(CurriculumVersionSQL.recordCheck(check), logger: logger)
            try await connection.perform(CurriculumVersionSQL.forgetChecks(before: check), logger: logger)
        }
    }

    public func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(CurriculumVersionSQL.checks(since: since), logger: logger).map(CurriculumVersionSQL.check)
        }
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
