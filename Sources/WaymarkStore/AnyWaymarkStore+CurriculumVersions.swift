import Foundation

extension AnyWaymarkStore {
    public func storeCurriculumVersion(_ version: NewCurriculumVersion) async throws -> CurriculumStoreOutcome {
        try await base.storeCurriculumVersion(version)
    }

    public func newestCurriculumVersionNumber() async throws -> Int? {
        try await base.newestCurriculumVersionNumber()
    }

    public func curriculumVersion(number: Int) async throws -> CurriculumVersion? {
        try await base.curriculumVersion(number: number)
    }

    public func curriculumVersion(digest: String) async throws -> CurriculumVersion? {
        try await base.curriculumVersion(digest: digest)
    }

    public func curriculumVersions(limit: Int) async throws -> [CurriculumVersion] {
        try await base.curriculumVersions(limit: limit)
    }

    public func curriculumFiles(number: Int) async throws -> [(path: String, bytes: [UInt8])] {
        try await base.curriculumFiles(number: number)
    }

    public func recordCurriculumCheck(_ check: CurriculumServerCheck) async throws {
        try await base.recordCurriculumCheck(check)
    }

    public func curriculumChecks(since: Date) async throws -> [CurriculumServerCheck] {
        try await base.curriculumChecks(since: since)
    }
}
