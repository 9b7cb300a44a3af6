import Foundation
import Testing
import WaymarkActions
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkProgress
import WaymarkTestSupport

@testable import WaymarkStore

/// A programme with one recruitment check and nothing else: eligible as soon as the check is
/// recorded and the person is found suitable. Certificates last 24 months and renew with 2 CPD
/// hours, from 3 months before they expire.
func quickProgramme() -> Programme {
    Programme(
        id: "p",
        version: "1",
        title: "Quick",
        summary: [],
        recruitment: [RecruitmentCheck(id: "application", title: "Application form", count: 1, kind: .standard)],
        modules: [],
        practice: nil,
        certificate: CertificateSpec(
            title: "Certified Peer Mentor",
            validForMonths: 24,
            description: [.text("The holder has completed training.")],
            criteria: [.text("Passed every check.")],
            renewal: RenewalRule(cpdHours: 2, refresherModules: [], opensMonthsBefore: 3)
        ),
        units: [:],
        assessments: [:]
    )
}

/// Records the check and the decision, so the trainee is eligible.
func makeEligible(_ records: TraineeRecords<AnyWaymarkStore>, _ traineeID: String, on programme: Programme) async throws {
    try await records.record(.applicationSubmitted, for: traineeID, on: programme, by: traineeID, at: start)
    try await records.record(.checkRecorded(checkID: "application", outcome: .complete, note: nil), for: traineeID, on: programme, by: "c", at: start)
    try await records.record(
        .suitabilityDecided(decision: .suitable, revisitOn: nil),
        for: traineeID,
        on: programme,
        by: "c",
        reason: "Good fit",
        at: start
    )
}
/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum CertificateStoreChecks {
    static func issuingWritesTheEventAndTheRowTogether(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store, name: "Robin Holder")
        try await makeEligible(records, trainee.id, on: programme)

        try await records.issueCertificate(code: "WM-CODE-1", for: trainee.id, on: programme, by: "c", at: start + day)

        let certificate = try #require(try await temporary.store.certificate(code: "WM-CODE-1"))
        #expect(certificate.holderName == "Robin Holder")
        #expect(certificate.title == "Certified Peer Mentor")
        #expect(certificate.criteria == "Passed every check.")
        #expect(certificate.issuedAt == start + day)
        #expect(certificate.validUntil == CertificateEligibility.validUntil(issuedAt: start + day, on: programme))
        #expect(certificate.status(at: start + 2 * day) == .valid)
        let events = try await temporary.store.events(traineeID: trainee.id, programmeID: "p")
        #expect(events.last?.kind == .certificateIssued(code: "WM-CODE-1", validUntil: certificate.validUntil))
        #expect(try await temporary.store.certificates(traineeID: trainee.id).map(\.code) == ["WM-CODE-1"])
    }

    static func issuingIsRefusedSayingWhatIsMissing(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store)
        try await records.record(.applicationSubmitted, for: trainee.id, on: programme, by: trainee.id, at: start)

        await #expect(
            throws: StoreError.refused(
                "Not ready for a certificate yet. Still missing:\n  - Application form recorded\n  - A decision to start training"
            )
        ) {
            try await records.issueCertificate(code: "WM-NO", for: trainee.id, on: programme, by: "c", at: start)
        }
        #expect(try await temporary.store.certificate(code: "WM-NO") == nil)
        // Nothing was half-written: no event either.
        #expect(try await temporary.store.events(traineeID: trainee.id, programmeID: "p").count == 1)
    }

    static func aFailedRowWritesNoEvent(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store)
        try await makeEligible(records, trainee.id, on: programme)
        let before = try await temporary.store.events(traineeID: trainee.id, programmeID: "p").count
        await #expect(throws: StoreError.self) {
            try await records.reinstateCertificate("WM-NONE", of: trainee.id, on: programme, by: "c", at: start)
        }
        #expect(try await temporary.store.events(traineeID: trainee.id, programmeID: "p").count == before)
    }

    static func renewalSupersedesTheOldCertificateAndLinksToTheNew(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store)
        try await makeEligible(records, trainee.id, on: programme)
        try await records.issueCertificate(code: "WM-OLD", for: trainee.id, on: programme, by: "c", at: start)

        // Renewal is refused before it opens and before the CPD hours are logged.
        await #expect(throws: StoreError.self) {
            try await records.renewCertificate("WM-OLD", newCode: "WM-NEW", for: trainee.id, on: programme, by: "c", at: start + 10 * day)
        }
        let renewalTime = start + 700 * day
        try await records.record(
            .cpdLogged(on: renewalTime, hours: 2, activity: "Course"),
            for: trainee.id,
            on: programme,
            by: trainee.id,
            at: renewalTime
        )
        try await records.renewCertificate("WM-OLD", newCode: "WM-NEW", for: trainee.id, on: programme, by: "c", at: renewalTime)

        let old = try #require(try await temporary.store.certificate(code: "WM-OLD"))
        let new = try #require(try await temporary.store.certificate(code: "WM-NEW"))
        #expect(old.supersededBy == "WM-NEW")
        #expect(old.status(at: renewalTime) == .superseded)
        #expect(new.status(at: renewalTime) == .valid)
        #expect(new.issuedAt == renewalTime)
    }

    static func suspendReinstateAndRevokeWithReasons(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store)
        try await makeEligible(records, trainee.id, on: programme)
        try await records.issueCertificate(code: "WM-S", for: trainee.id, on: programme, by: "c", at: start)
        let now = start + day

        await #expect(throws: StoreError.refused("Give a reason for suspending a certificate.")) {
            try await records.suspendCertificate("WM-S", of: trainee.id, on: programme, by: "c", reason: "  ", at: now)
        }
        try await records.suspendCertificate("WM-S", of: trainee.id, on: programme, by: "c", reason: "Concern being looked into", at: now)
        var certificate = try #require(try await temporary.store.certificate(code: "WM-S"))
        #expect(certificate.status(at: now) == .suspended)
        #expect(certificate.stateReason == "Concern being looked into")

        try await records.reinstateCertificate("WM-S", of: trainee.id, on: programme, by: "c", at: now)
        certificate = try #require(try await temporary.store.certificate(code: "WM-S"))
        #expect(certificate.status(at: now) == .valid)
        #expect(certificate.stateReason == nil)
        await #expect(throws: StoreError.self) {
            try await records.reinstateCertificate("WM-S", of: trainee.id, on: programme, by: "c", at: now)
        }

        try await records.revokeCertificate("WM-S", of: trainee.id, on: programme, by: "c", reason: "Broke the agreement", at: now)
        certificate = try #require(try await temporary.store.certificate(code: "WM-S"))
        #expect(certificate.status(at: now) == .revoked)
        await #expect(throws: StoreError.self) {
            try await records.suspendCertificate("WM-S", of: trainee.id, on: programme, by: "c", reason: "again", at: now)
        }
    }

    static func someoneElsesCertificateCannotBeChanged(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let holder = try await enrolledTrainee(temporary.store)
        let other = try await enrolledTrainee(temporary.store)
        try await makeEligible(records, holder.id, on: programme)
        try await records.issueCertificate(code: "WM-H", for: holder.id, on: programme, by: "c", at: start)
        await #expect(throws: StoreError.self) {
            try await records.revokeCertificate("WM-H", of: other.id, on: programme, by: "c", reason: "wrong person", at: start)
        }
        #expect(try await temporary.store.certificate(code: "WM-H")?.state == .active)
    }

    static func erasureBlanksTheHolderNameAndTheReason(_ temporary: TemporaryStore) async throws {
        let programme = quickProgramme()
        let records = TraineeRecords(store: temporary.store)
        let trainee = try await enrolledTrainee(temporary.store, name: "Private Name")
        try await makeEligible(records, trainee.id, on: programme)
        try await records.issueCertificate(code: "WM-X", for: trainee.id, on: programme, by: "c", at: start)
        try await records.suspendCertificate("WM-X", of: trainee.id, on: programme, by: "c", reason: "Private reason", at: start)
        try await temporary.store.erasePersonalData(personID: trainee.id, by: "admin", at: start + day)
        let certificate = try #require(try await temporary.store.certificate(code: "WM-X"))
        // It names nobody, and says only that it is no longer valid: never why.
        #expect(certificate.holderName.isEmpty)
        #expect(certificate.stateReason == nil)
        #expect(certificate.status(at: start + 2 * day) == .withdrawn)
    }

    static func theMigrationIsNumberedAfterTheOthers(_ temporary: TemporaryStore) async throws {
        let applied = try await temporary.store.appliedMigrations()
        let certificates = try #require(applied.firstIndex(of: "005-certificates"))
        #expect(applied[..<certificates].contains("004-sessions"))
    }
}

@Suite struct CertificateStoreTests {
    @Test func expiryShowsFromTheMomentTheDatePassesWithoutAnyJob() {
        let validUntil = start + 730 * day
        let certificate = CertificateRecord(
            code: "WM-E",
            traineeID: "t",
            programmeID: "p",
            programmeVersion: "1",
            holderName: "A",
            title: "T",
            description: "",
            criteria: "",
            issuedAt: start,
            validUntil: validUntil
        )
        #expect(certificate.status(at: validUntil - 1) == .valid)
        #expect(certificate.status(at: validUntil) == .expired)
        #expect(certificate.status(at: validUntil + day) == .expired)
        var never = certificate
        never.validUntil = nil
        #expect(never.status(at: validUntil + 3650 * day) == .valid)
        var suspended = certificate
        suspended.state = .suspended
        #expect(suspended.status(at: validUntil + day) == .suspended)
    }
}

extension CertificateStoreChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("issuingWritesTheEventAndTheRowTogether", issuingWritesTheEventAndTheRowTogether),
        StoreCheck("issuingIsRefusedSayingWhatIsMissing", issuingIsRefusedSayingWhatIsMissing),
        StoreCheck("aFailedRowWritesNoEvent", aFailedRowWritesNoEvent),
        StoreCheck("renewalSupersedesTheOldCertificateAndLinksToTheNew", renewalSupersedesTheOldCertificateAndLinksToTheNew),
        StoreCheck("suspendReinstateAndRevokeWithReasons", suspendReinstateAndRevokeWithReasons),
        StoreCheck("someoneElsesCertificateCannotBeChanged", someoneElsesCertificateCannotBeChanged),
        StoreCheck("erasureBlanksTheHolderNameAndTheReason", erasureBlanksTheHolderNameAndTheReason),
        StoreCheck("theMigrationIsNumberedAfterTheOthers", theMigrationIsNumberedAfterTheOthers),
    ])
}
