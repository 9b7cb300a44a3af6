import Foundation
import Testing
import WaymarkActions
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

@testable import WaymarkCredentials

/// One recruitment check and nothing else; 24-month certificates.
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
            renewal: nil
        ),
        units: [:],
        assessments: [:]
    )
}

/// A store, keys and an eligible trainee with a full record full of things no verifier may see.
struct Setting {
    let folder = TemporaryFolder()
    let store: AnyWaymarkStore
    var certificates: Certificates<AnyWaymarkStore>
    let traineeID: String
    let programme = quickProgramme()

    static let sensitive = [
        "jamal.private@example.org", "Reference mentions time at HMP Leeds", "Conviction for theft in 2015",
        "When I was in prison I learned to listen", "Approved Premises on Elm Street", "001234567890", "A concern raised by a partner service",
    ]

    init() async throws {
        store = try AnyWaymarkStore.sqlite(dataDirectory: folder.url)
        certificates = Certificates(store: store, keys: KeyStore(dataDirectory: folder.url), issuer: issuer)
        let records = TraineeRecords(store: store)
        let trainee = try await store.addPerson(
            NewPerson(name: "Jamal Reid", email: "jamal.private@example.org", roles: [.trainee], passwordHash: nil),
            at: start
        )
        traineeID = trainee.id
        try await Enrolments(store: store).enrol(trainee.id, on: programme, supervisorID: nil, at: start)
        try await records.record(.applicationSubmitted, for: traineeID, on: programme, by: traineeID, at: start)
        try await records.record(
            .checkRecorded(checkID: "application", outcome: .complete, note: "Reference mentions time at HMP Leeds"),
            for: traineeID,
            on: programme,
            by: "c",
            at: start
        )
        try await store.recordVetting(
            VettingRecord(
                traineeID: traineeID,
                level: .enhanced,
                certificateNumber: "001234567890",
                issueDate: start,
                decision: .suitable,
                decidedBy: trainee.id,
                decidedAt: start
            ),
            by: trainee.id,
            at: start
        )
        try await records.record(
            .suitabilityDecided(decision: .suitable, revisitOn: nil),
            for: traineeID,
            on: programme,
            by: "c",
            reason: "Conviction for theft in 2015, spent; strong references",
            at: start
        )
        try await records.record(
            .reflectionSubmitted(promptID: "why", text: "When I was in prison I learned to listen"),
            for: traineeID,
            on: programme,
            by: traineeID,
            at: start
        )
        try await records.record(
            .practiceLogged(entryID: "e1", on: start, hours: 2, setting: "Approved Premises on Elm Street"),
            for: traineeID,
            on: programme,
            by: traineeID,
            at: start
        )
    }
}

@Suite struct CertificatesTests {
    @Test func theCredentialAndStatusNeverCarryTheHoldersRecord() async throws {
        let setting = try await Setting()
        let issued = try await setting.certificates.issue(to: setting.traineeID, on: setting.programme, by: "c", at: start + day)
        try await TraineeRecords(store: setting.store).suspendCertificate(
            issued.code,
            of: setting.traineeID,
            on: setting.programme,
            by: "c",
            reason: "A concern raised by a partner service",
            at: start + 2 * day
        )

        let json = try #require(try await setting.certificates.credential(code: issued.code)).json()
        let jwt = try #require(try await setting.certificates.signedCredential(code: issued.code))
        let payload = try #require(Base64URL.decode(jwt.split(separator: ".")[1]))
        let status = try #require(try await setting.certificates.status(code: issued.code, at: start + 3 * day)).json()
        let page = try #require(try await setting.certificates.printable(code: issued.code, at: start + 3 * day))
        #expect(page.status == .suspended)
        var dumped = ""
        dump(page, to: &dumped)
        for document in [json, payload, status, Data(jwt.utf8), Data(dumped.utf8)] {
            let text = String(decoding: document, as: UTF8.self)
            for secret in Setting.sensitive {
                #expect(!text.contains(secret), "'\(secret)' appears in \(text.prefix(60))…")
            }
            #expect(!text.contains(setting.traineeID), "the trainee's id appears")
        }
        #expect(String(decoding: json, as: UTF8.self).contains("Jamal Reid"))
    }

    @Test func issuedCredentialsVerifyAgainstThePublishedKeys() async throws {
        let setting = try await Setting()
        let issued = try await setting.certificates.issue(to: setting.traineeID, on: setting.programme, by: "c", at: start + day)
        let jwt = try #require(try await setting.certificates.signedCredential(code: issued.code))
        let result = VCJWT.verify(jwt, keys: try setting.certificates.jwks(), now: start + 2 * day)
        #expect(result.isValid)
        let status = try #require(try await setting.certificates.status(code: issued.code, at: start + 2 * day))
        #expect(status.status == .valid)
        #expect(try await setting.certificates.credential(code: "WM-0000-0000-0000-0000-0") == nil)
    }

    @Test func publicLookupsAreForgivingLoggedAndRateLimited() async throws {
        var setting = try await Setting()
        let issued = try await setting.certificates.issue(to: setting.traineeID, on: setting.programme, by: "c", at: start)
        let now = Date(timeIntervalSince1970: 1_790_000_040)
        let typed = issued.code.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "0", with: "o")
        guard case .found(let found) = try await setting.certificates.lookUp(typed, from: "192.0.2.9", via: .page, at: now) else {
            Issue.record("a forgivingly typed code was not found")
            return
        }
        #expect(found.code == issued.code)
        #expect(found.status == .valid)
        #expect(found.holderName == "Jamal Reid")
        #expect(found.verifyURL == "https://mentors.example.org/verify/\(issued.code)")
        var typo = Array(issued.code)
        typo[3] = typo[3] == "A" ? "B" : "A"
        #expect(try await setting.certificates.lookUp(String(typo), from: "192.0.2.9", via: .page, at: now) == .search(.typo))
        #expect(try await setting.certificates.lookUp("hello", from: "192.0.2.9", via: .page, at: now) == .search(.malformed))
        #expect(try await setting.store.lookupCount(code: issued.code).count == 1)

        setting = Setting.limited(setting, to: 3)
        #expect(try await setting.certificates.lookUp(issued.code, from: "192.0.2.9", via: .page, at: now) == .tooMany)
        #expect(try await setting.certificates.lookUp(issued.code, from: "192.0.2.10", via: .status, at: now) != .tooMany)
        #expect(try await setting.store.lookupCount(code: issued.code).count == 2)
    }
}

extension Setting {
    /// The same setting with a lower limit on lookups.
    static func limited(_ setting: Setting, to perMinute: Int) -> Setting {
        var copy = setting
        copy.certificates.lookupsPerMinute = perMinute
        return copy
    }
}
