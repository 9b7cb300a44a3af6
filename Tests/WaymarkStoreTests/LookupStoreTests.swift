import Foundation
import Testing
import WaymarkTestSupport

@testable import WaymarkStore

/// Public lookups of certificates: counted per certificate, day and kind, and limited per
/// address. Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum LookupStoreChecks {
    static func lookupsAreCountedPerCertificatePerDayAndKind(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        #expect(try await store.lookupCount(code: "WM-L") == LookupCount(count: 0, lastDay: nil))
        #expect(try await store.lookupDays(code: "WM-L", limit: 10).isEmpty)
        // start is 2026-09-21 14:13:20 UTC; the next day begins 35,200 s later.
        try await store.recordLookup(code: "WM-L", via: .page, at: start)
        try await store.recordLookup(code: "WM-L", via: .status, at: start + 60)
        try await store.recordLookup(code: "WM-L", via: .page, at: start + 120)
        try await store.recordLookup(code: "WM-L", via: .credential, at: start + day)
        try await store.recordLookup(code: "WM-OTHER", via: .page, at: start + 90)
        #expect(try await store.lookupCount(code: "WM-L") == LookupCount(count: 4, lastDay: "2026-09-22"))
        #expect(
            try await store.lookupDays(code: "WM-L", limit: 10) == [
                LookupDay(day: "2026-09-22", credential: 1), LookupDay(day: "2026-09-21", page: 2, status: 1),
            ]
        )
        #expect(try await store.lookupDays(code: "WM-L", limit: 1) == [LookupDay(day: "2026-09-22", credential: 1)])
    }

    /// Anyone may look a certificate up: however often they do, one certificate's lookups of one
    /// kind on one day are one row, and lookups arriving together are each counted.
    static func aThousandLookupsOnOneDayAreOneRowWithTheirCount(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        // In waves of 20 at once: enough to race, few enough that none waits for a connection
        // longer than a store allows while the whole suite runs beside it.
        for wave in 0..<50 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for second in 0..<20 {
                    group.addTask { try await store.recordLookup(code: "WM-BUSY", via: .page, at: start + Double(wave * 20 + second)) }
                }
                try await group.waitForAll()
            }
        }
        #expect(try await store.count(unsafeSQL: "SELECT COUNT(*) FROM certificate_lookup_days") == 1)
        #expect(try await store.lookupCount(code: "WM-BUSY") == LookupCount(count: 1_000, lastDay: "2026-09-21"))
        #expect(try await store.lookupDays(code: "WM-BUSY", limit: 10) == [LookupDay(day: "2026-09-21", page: 1_000)])
    }

    static func lookupsAreLimitedPerAddressPerMinute(_ temporary: TemporaryStore) async throws {
        let store = temporary.store
        let minute = Date(timeIntervalSince1970: 1_790_000_040)  // the start of a minute
        for _ in 0..<30 {
            #expect(try await store.allowLookup(address: "192.0.2.1", at: minute + 5, limit: 30, window: 60))
        }
        #expect(try await store.allowLookup(address: "192.0.2.1", at: minute + 50, limit: 30, window: 60) == false)
        // Another address has its own count.
        #expect(try await store.allowLookup(address: "192.0.2.2", at: minute + 50, limit: 30, window: 60))
        // The next minute starts afresh, and the old counters are gone.
        #expect(try await store.allowLookup(address: "192.0.2.1", at: minute + 61, limit: 30, window: 60))
        let rows = try await store.count(unsafeSQL: "SELECT COUNT(*) FROM lookup_limits")
        #expect(rows == 1)
    }

    /// A database from before lookups were counted per day keeps what it had: each old lookup
    /// is folded into the count of its certificate, day (UTC) and kind.
    static func theMigrationFoldsLoggedLookupsIntoCountsPerDay(_ temporary: TemporaryStore) async throws {
        let older = try await OlderStore.make(beside: temporary, upTo: "007-form-submissions")
        // start + 35,199 is the last second of 2026-09-21 (UTC); start + 35,200 the first of the 22nd.
        let logged: [(String, Double, String)] = [
            ("WM-A", 0, "page"), ("WM-A", 10, "page"), ("WM-A", 20, "status"), ("WM-A", 35_199, "credential"),
            ("WM-A", 35_200, "page"), ("WM-B", 5, "page"),
        ]
        do {
            for (code, offset, via) in logged {
                try await older.store.execute(
                    unsafeSQL: "INSERT INTO certificate_lookups (code, at, via) VALUES ('\(code)', \(start.timeIntervalSince1970 + offset), '\(via)')"
                )
            }
            let migrated = try await older.migrateTheRest()
            #expect(try await migrated.count(unsafeSQL: "SELECT COUNT(*) FROM certificate_lookup_days") == 5)
            #expect(try await migrated.lookupCount(code: "WM-A") == LookupCount(count: 5, lastDay: "2026-09-22"))
            #expect(
                try await migrated.lookupDays(code: "WM-A", limit: 10) == [
                    LookupDay(day: "2026-09-22", page: 1), LookupDay(day: "2026-09-21", page: 2, credential: 1, status: 1),
                ]
            )
            #expect(try await migrated.lookupCount(code: "WM-B") == LookupCount(count: 1, lastDay: "2026-09-21"))
            // Counting goes on from the folded counts.
            try await migrated.recordLookup(code: "WM-A", via: .page, at: start + 35_300)
            #expect(try await migrated.lookupDays(code: "WM-A", limit: 1) == [LookupDay(day: "2026-09-22", page: 2)])
        } catch {
            await older.remove()
            throw error
        }
        await older.remove()
    }
}

@Suite struct LookupDayTests {
    @Test func lookupsAreCountedOnTheirDayInUTC() {
        #expect(LookupDay.day(of: Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(LookupDay.day(of: start) == "2026-09-21")
        #expect(LookupDay.day(of: start + 35_199) == "2026-09-21")
        #expect(LookupDay.day(of: start + 35_200) == "2026-09-22")
    }

    @Test func aDaysTotalNeverOverflowsWhateverARowHolds() {
        #expect(LookupDay(day: "2026-09-21", page: 2, credential: 3, status: 4).total == 9)
        #expect(LookupDay(day: "2026-09-21", page: .max, credential: 1, status: 1).total == .max)
    }
}

extension LookupStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("lookupsAreCountedPerCertificatePerDayAndKind", lookupsAreCountedPerCertificatePerDayAndKind),
        StoreCheck("aThousandLookupsOnOneDayAreOneRowWithTheirCount", aThousandLookupsOnOneDayAreOneRowWithTheirCount),
        StoreCheck("lookupsAreLimitedPerAddressPerMinute", lookupsAreLimitedPerAddressPerMinute),
        StoreCheck("theMigrationFoldsLoggedLookupsIntoCountsPerDay", theMigrationFoldsLoggedLookupsIntoCountsPerDay),
    ])
}
