import Testing
import WaymarkTestSupport

/// Every store check, listed by hand beside its enum (`onBothStores`): a misspelled check does
/// not compile, and `everyCheckIsListed` fails when one is left out.
let storeChecks: [StoreCheck] = [
    ApplicationStoreChecks.onBothStores,
    CertificateStoreChecks.onBothStores,
    ConcurrencyChecks.onBothStores,
    CurriculumVersionStoreChecks.onBothStores,
    LookupStoreChecks.onBothStores,
    OutboxStoreChecks.onBothStores,
    PeopleAndVettingChecks.onBothStores,
    PersonalDataChecks.onBothStores,
    RecordStoreChecks.onBothStores,
    StatusListStoreChecks.onBothStores,
    WebStoreChecks.onBothStores,
].flatMap { $0 }

@Suite("Store checks on SQLite") struct StoreChecksOnSQLite {
    @Test(arguments: storeChecks) func check(_ check: StoreCheck) async throws {
        try await check.run(on: .sqlite)
    }
}

@Suite("Store checks on PostgreSQL", .needsPostgres) struct StoreChecksOnPostgreSQL {
    @Test(arguments: storeChecks) func check(_ check: StoreCheck) async throws {
        try await check.run(on: .postgres)
    }
}

@Suite struct StoreCheckListTests {
    @Test func everyCheckIsListed() throws {
        try StoreCheck.expectEveryCheckListed(storeChecks, inModule: "WaymarkStoreTests")
    }
}
