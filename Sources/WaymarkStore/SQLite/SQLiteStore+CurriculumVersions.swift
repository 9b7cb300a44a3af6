import Foundation
import GRDB

extension SQLiteStore: CurriculumVersionStore {
    public func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome {
        // One writer at a time in SQLite: the number read here is still the newest at the insert.
        try await writeDatabase { db in
            if let row = try db.fetchFirstRow(CurriculumVersionSQL.byDigest(version.digest)) {
                return .alreadyStored(try CurriculumVersionSQL.curriculumVersion(row))
            }
            let newest = try db.fetchFirstRow(CurriculumVersionSQL.newestNumber)?.optional("n", as: Int.self)
            let stored = CurriculumVersionSQL.numbered(version, after: newest)
            try db.perform(CurriculumVersionSQL.insert(stored))
            for file in version.files {
                try db.perform(CurriculumVersionSQL.insertFile(version: stored.number, path: file.path, bytes: file.bytes))
            }
            return .stored(stored)
        }
    }

    public func newestCurriculumVersionNumber() async throws -> Int? {
        try await readDatabase { db in try db.fetchFirstRow(CurriculumVersionSQL.newestNumber)?.optional("n", as: Int.self) }
    }

    public func curriculumVersion(number: Int) async throws -> CurriculumVersion? {
        try await readDatabase { db in try db.fetchFirstRow(CurriculumVersionSQL.byNumber(number)).map(CurriculumVersionSQL.curriculumVersion) }
    }

    public func curriculumVersion(digest: String) async throws -> CurriculumVersion? {
        try await readDatabase { db in try db.fetchFirstRow(CurriculumVersionSQL.byDigest(digest)).map(CurriculumVersionSQL.curriculumVersion) }
    }

    public func curriculumVersions(limit: Int) async throws -> [CurriculumVersion] {
        try await readDatabase { db in try db.fetchRows(CurriculumVersionSQL.newest(limit: limit)).map(CurriculumVersionSQL.curriculumVersion) }
    }

    public func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])] {
        try await readDatabase { db in try db.fetchRows(CurriculumVersionSQL.files(version: number)).map(CurriculumVersionSQL.file) }
    }

    public func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws {
        try await writeDatabase { db in
            try db.perform(CurriculumVersionSQL.recordCheck(check))
            try db.perform(CurriculumVersionSQL.forgetChecks(before: check))
        }
    }

    public func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck] {
        try await readDatabase { db in try db.fetchRows(CurriculumVersionSQL.checks(since: since)).map(CurriculumVersionSQL.check) }
    }
}
