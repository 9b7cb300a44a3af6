import Testing
import WaymarkTestSupport

/// Every web check, listed by hand beside its enum (`onBothStores`): a misspelled check does
/// not compile, and `everyCheckIsListed` fails when one is left out.
let webChecks: [StoreCheck] = [
    AnotherTryChecks.onBothStores,
    ApplyChecks.onBothStores,
    BadgeDownloadChecks.onBothStores,
    CertificateActionChecks.onBothStores,
    CertificatePageChecks.onBothStores,
    CurriculumVersionChecks.onBothStores,
    FirstRunChecks.onBothStores,
    FormConfirmationChecks.onBothStores,
    FormKeepingChecks.onBothStores,
    FormMatrixChecks.onBothStores,
    FormProblemChecks.onBothStores,
    HeadRequestChecks.onBothStores,
    HostileNumberChecks.onBothStores,
    JourneyChecks.onBothStores,
    KeptFormChecks.onBothStores,
    MentorsPageChecks.onBothStores,
    MetricsChecks.onBothStores,
    OutboxSenderChecks.onBothStores,
    OversizedFormChecks.onBothStores,
    PasswordFormChecks.onBothStores,
    PersonRightsChecks.onBothStores,
    ProgressRuleChecks.onBothStores,
    PublicLookupLimitChecks.onBothStores,
    ReadinessChecks.onBothStores,
    ReflectionPromptChecks.onBothStores,
    RepeatedFormChecks.onBothStores,
    SecurityChecks.onBothStores,
    SessionChecks.onBothStores,
    SignInThrottleChecks.onBothStores,
    StatusListRouteChecks.onBothStores,
    TwoServerChecks.onBothStores,
    ValidationRefusalChecks.onBothStores,
    VettingPageChecks.onBothStores,
].flatMap { $0 }

@Suite("Web checks on SQLite") struct WebChecksOnSQLite {
    @Test(arguments: webChecks) func check(_ check: StoreCheck) async throws {
        try await check.run(on: .sqlite)
    }
}

@Suite("Web checks on PostgreSQL", .needsPostgres) struct WebChecksOnPostgreSQL {
    @Test(arguments: webChecks) func check(_ check: StoreCheck) async throws {
        try await check.run(on: .postgres)
    }
}

@Suite struct WebCheckListTests {
    @Test func everyCheckIsListed() throws {
        try StoreCheck.expectEveryCheckListed(webChecks, inModule: "WaymarkWebTests")
    }
}
