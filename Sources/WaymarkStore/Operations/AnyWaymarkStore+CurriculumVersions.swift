import Foundation

extension AnyWaymarkStore {
    public func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome {
        // One store at a time on every server: the newest number read here is still the newest
        // at the insert, and a second server storing the same files finds the first's digest.
        try await backend.writeAlone(named: "curriculum-versions", timeout: .seconds(120)) { db in
            if let row = try await db.fetchFirstRow(CurriculumVersionSQL.byDigest(version.digest)) {
                return .alreadyStored(try CurriculumVersionSQL.curriculumVersion(row))
            }
            let newest = try await db.fetchFirstRow(CurriculumVersionSQL.newestNumber)?.optional("n", as: Int.self)
            let stored = CurriculumVersionSQL.numbered(version, after: newest)
            try await db.perform(CurriculumVersionSQL.insert(stored))
            for file in version.files {
                try await db.perform(CurriculumVersionSQL.insertFile(version: stored.number, path: file.path, bytes: file.bytes))
            }
            return .stored(stored)
        }
    }

    public func newestCurriculumVersionNumber() async throws -> Int? {
        try await backend.read { db in try await db.fetchFirstRow(CurriculumVersionSQL.newestNumber)?.optional("n", as: Int.self) }
    }

    public func curriculumVersion(number: Int) async throws -> CurriculumVersion? {
        try await backend.read { db in try await db.fetchFirstRow(CurriculumVersionSQL.byNumber(number)).map(CurriculumVersionSQL.curriculumVersion) }
    }

    public func curriculumVersion(digest: String) async throws -> CurriculumVersion? {
        try await backend.read { db in try await db.fetchFirstRow(CurriculumVersionSQL.byDigest(digest)).map(CurriculumVersionSQL.curriculumVersion) }
    }

    public func curriculumVersions(limit: Int) async throws -> [CurriculumVersion] {
        try await backend.read { db in try await db.fetchRows(CurriculumVersionSQL.newest(limit: limit)).map(CurriculumVersionSQL.curriculumVersion) }
    }

    public func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])] {
        try await backend.read { db in try await db.fetchRows(CurriculumVersionSQL.files(version: number)).map(CurriculumVersionSQL.file) }
    }

    public func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws {
        try await backend.write { db in
            try await db.perform(CurriculumVersionSQL.recordCheck(check))
            try await db.perform(CurriculumVersionSQL.forgetChecks(before: check))
        }
    }

    public func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck] {
        try await backend.read { db in try await db.fetchRows(CurriculumVersionSQL.checks(since: since)).map(CurriculumVersionSQL.check) }
    }
}
