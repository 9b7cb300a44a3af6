import Testing
import WaymarkTestSupport

/// Every use-case check, listed by hand beside its enum (`onBothStores`): a misspelled check
/// does not compile, and `everyCheckIsListed` fails when one is left out.
let actionChecks: [StoreCheck] = [
    PersonRightsChecks.onBothStores,
    PracticeChecks.onBothStores,
    RecruitmentChecks.onBothStores,
    ReflectionsChecks.onBothStores,
    TraineeRecordsChecks.onBothStores,
].flatMap { $0 }

@Suite("Action checks on SQLite") struct ActionChecksOnSQLite {
    @Test(arguments: actionChecks) func check(_ check: StoreCheck) async throws {
        try await check.run(on: .sqlite)
    }
}

@Suite("Action checks on PostgreSQL", .needsPostgres) struct ActionChecksOnPostgreSQL {
    @Test(arguments: actionChecks) func check(_ check: StoreCheck) async throws {
        try await check.run(on: .postgres)
    }
}

@Suite struct ActionCheckListTests {
    @Test func everyCheckIsListed() throws {
        try StoreCheck.expectEveryCheckListed(actionChecks, inModule: "WaymarkActionsTests")
    }
}
