import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkStore

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum CurriculumVersionStoreChecks {
    static func version(_ digest: String, bytes: [UInt8] = [0, 1, 2, 255], by person: String? = nil, at seconds: Double = 1_000) -> NewCurriculumVersion {
        NewCurriculumVersion(
            digest: digest,
            files: [(path: "Curriculum/p/programme.xml", bytes: Array("<programme/>".utf8)), (path: "Assessments/p/media/door.png", bytes: bytes)],
            storedByID: person,
            storedOn: "server-a",
            storedAt: Date(timeIntervalSince1970: seconds),
            programmes: "p 1"
        )
    }

    static func versionsAreNumberedInOrderAndOneDigestIsStoredOnce(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        #expect(try await store.newestCurriculumVersionNumber() == nil)
        guard case .stored(let first) = try await store.storeCurriculumVersion(version("aaa")) else {
            Issue.record("the first version was not stored")
            return
        }
        #expect(first.number == 1 && first.fileCount == 2 && first.totalBytes == 16 && first.storedByID == nil)
        let second = try await store.storeCurriculumVersion(version("bbb", by: "coordinator-1", at: 2_000))
        #expect(second.version.number == 2 && second.version.storedByID == "coordinator-1")
        // The first files again: no new version, and the answer names the one they are.
        #expect(try await store.storeCurriculumVersion(version("aaa", at: 3_000)) == .alreadyStored(first))
        #expect(try await store.newestCurriculumVersionNumber() == 2)
        #expect(try await store.curriculumVersions(limit: 10).map(\.number) == [2, 1])
        #expect(try await store.curriculumVersion(digest: "bbb")?.number == 2)
        #expect(try await store.curriculumVersion(number: 1) == first)
        #expect(try await store.curriculumVersion(number: 3) == nil)
        // Every byte comes back, pictures too, in path order.
        let files = try await store.curriculumFiles(number: 1)
        #expect(files.map(\.path) == ["Assessments/p/media/door.png", "Curriculum/p/programme.xml"])
        #expect(files.first?.bytes == [0, 1, 2, 255])
    }

    static func twoServersStoringAtOnceGetDifferentNumbers(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let other = try await temporary.location.open(timeout: TestDatabase.openTimeout)
        async let one = store.storeCurriculumVersion(version("one"))
        async let two = other.storeCurriculumVersion(version("two"))
        let numbers = try await [one.version.number, two.version.number].sorted()
        #expect(numbers == [1, 2])
        await other.close()
    }

    static func eachServersLastLookIsKeptAndOldOnesAreForgotten(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let start = Date(timeIntervalSince1970: 1_000_000)
        try await store.recordCurriculumCheck(CurriculumServerCheck(serverID: "old", runningVersion: 1, checkedAt: start, startedAt: start))
        try await store.recordCurriculumCheck(CurriculumServerCheck(serverID: "a", runningVersion: nil, checkedAt: start.addingTimeInterval(10), startedAt: start))
        try await store.recordCurriculumCheck(CurriculumServerCheck(serverID: "a", runningVersion: 2, checkedAt: start.addingTimeInterval(20), startedAt: start))
        let seen = try await store.curriculumChecks(since: start.addingTimeInterval(5))
        #expect(seen == [CurriculumServerCheck(serverID: "a", runningVersion: 2, checkedAt: start.addingTimeInterval(20), startedAt: start)])
        // A week later the server that stopped looking is gone from the table.
        try await store.recordCurriculumCheck(
            CurriculumServerCheck(serverID: "a", runningVersion: 2, checkedAt: start.addingTimeInterval(8 * 86_400), startedAt: start)
        )
        #expect(try await store.curriculumChecks(since: .distantPast).map(\.serverID) == ["a"])
    }
}

extension CurriculumVersionStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("versionsAreNumberedInOrderAndOneDigestIsStoredOnce", versionsAreNumberedInOrderAndOneDigestIsStoredOnce),
        StoreCheck("twoServersStoringAtOnceGetDifferentNumbers", twoServersStoringAtOnceGetDifferentNumbers),
        StoreCheck("eachServersLastLookIsKeptAndOldOnesAreForgotten", eachServersLastLookIsKeptAndOldOnesAreForgotten),
    ])
}
