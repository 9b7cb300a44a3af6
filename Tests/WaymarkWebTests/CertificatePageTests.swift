import Foundation
import Testing
import WaymarkActions
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

extension WebTestApp {
    /// Gives the trainee a complete record: checks, every module passed, practice, supervision and
    /// accepted reflections, with sensitive notes a verifier must never see.
    func makeTraineeEligible() async throws {
        let records = TraineeRecords(store: store)
        let trainee = try #require(people[.trainee]?.id)
        let coordinator = try #require(people[.coordinator]?.id)
        let supervisor = try #require(people[.supervisor]?.id)
        var when = Date().addingTimeInterval(-200 * 86_400)
        func record(_ kind: EventKind, by actor: String, reason: String? = nil) async throws {
            when = when.addingTimeInterval(86_400)
            try await records.record(kind, for: trainee, on: programme, by: actor, reason: reason, at: when)
        }
        for check in programme.recruitment {
            for _ in 0..<check.count {
                try await record(
                    .checkRecorded(
                        checkID: check.id,
                        outcome: .complete,
                        note: check.kind == .vetting ? nil : "SECRET-NOTE reference from a former cellmate"
                    ),
                    by: coordinator
                )
            }
        }
        try await record(
            .suitabilityDecided(decision: .suitable, revisitOn: nil),
            by: coordinator,
            reason: "SECRET-RATIONALE lived experience of addiction"
        )
        for module in programme.modules {
            try await record(.unitRead(moduleID: module.id), by: trainee)
            if let assessment = programme.assessment(for: module) {
                let body = Answers.fields(assessment, right: true).map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
                try await record(
                    .assessmentAttempted(
                        Scoring.attempt(assessment, moduleID: module.id, answers: AssessmentForm.answers(assessment, FormFields(body))).record
                    ),
                    by: trainee
                )
            }
        }
        for round in 0..<4 {
            try await record(.practiceLogged(entryID: "e\(round)", on: when, hours: 5, setting: "SECRET-SETTING probation office"), by: trainee)
            try await record(.practiceCountersigned(entryID: "e\(round)"), by: supervisor)
            try await record(.supervisionRecorded(on: when, minutes: 60, supervisorID: supervisor, wellbeing: .needsSupport), by: supervisor)
        }
        for prompt in programme.reflectionPromptIDs.prefix(3) {
            try await record(.reflectionSubmitted(promptID: prompt, text: "SECRET-REFLECTION my time inside"), by: trainee)
            try await record(.reflectionReviewed(promptID: prompt, outcome: .accepted, feedback: "Thank you"), by: coordinator)
        }
    }
}

extension WebTestApp {
    /// A coordinator issues the eligible trainee's certificate through the trainee page and signs
    /// out; the certificate's code.
    func issueCertificateAsCoordinator(_ browser: Browser) async throws -> String {
        let traineeID = try #require(people[.trainee]?.id)
        try await browser.signIn("coordinator@example.org")
        try await browser.get("/trainees/\(traineeID)")
        #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "issue")]).status == .seeOther)
        let code = try #require(try await store.certificates(traineeID: traineeID).first).code
        try await browser.post("/logout")
        return code
    }
}

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum CertificatePageChecks {
    static func aCoordinatorIssuesAndAnyoneVerifiesWithoutSeeingTheRecord(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Jo Holder")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let record = try await browser.get("/trainees/\(traineeID)")
            #expect(record.html.contains("Issue the certificate"))
            #expect(try await browser.post("/trainees/\(traineeID)/certificate", [("action", "issue")]).status == .seeOther)
            let certificate = try #require(try await app.store.certificates(traineeID: traineeID).first)
            let code = certificate.code
            try await browser.post("/logout")

            // A verifier, signed out, with the code as someone might type it.
            let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
            let verified = try await browser.get("/verify/\(typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            #expect(verified.status == .ok)
            #expect(verified.html.contains("Jo Holder"))
            #expect(verified.html.contains(">Valid<"))
            #expect(verified.html.contains("Certified Peer Mentor"))
            let printable = try await browser.get("/certificates/\(code)")
            for page in [verified, printable] {
                for secret in ["SECRET", "trainee@example.org", "DBS", "wellbeing", "needs-support", traineeID] {
                    #expect(!page.html.contains(secret), "a public page shows \(secret)")
                }
            }
            #expect(printable.html.contains("The signed credential</a> (a .jwt file, for software that checks Open Badges 3.0)"))
            // Both pages carry the QR code of the certificate's full verify address.
            let address = "http://127.0.0.1:8080/verify/\(code)"
            let qr = try QRCode(text: address).svg(label: "QR code: scan it to check this certificate at \(address)")
            #expect(printable.html.contains(qr), "the printable certificate has no QR code of \(address)")
            #expect(verified.html.contains(qr), "the verify page has no QR code of \(address)")

            // The credential and the keys, for software.
            let jwt = try await browser.get("/credentials/\(code).jwt")
            #expect(jwt.status == .ok)
            #expect(jwt.html.split(separator: ".").count == 3)
            #expect(!jwt.html.contains("SECRET"))
            let jwks = try await browser.get("/.well-known/jwks.json")
            #expect(jwks.html.contains("\"kty\":\"OKP\"") || jwks.html.contains("\"kty\" : \"OKP\""))
            #expect(try await browser.get("/credentials/\(code)/status").status == .ok)

            // A typo is called a typo.
            var characters = Array(code)
            characters[5] = characters[5] == "A" ? "B" : "A"
            let typo = try await browser.get("/verify/\(String(characters))")
            #expect(typo.status == .notFound)
            #expect(typo.html.contains("This code has a typo"))

            // Suspended, the verify page says so.
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(traineeID)")
            let noReason = try await browser.post("/trainees/\(traineeID)/certificate", [("action", "suspend"), ("reason", "")])
            #expect(noReason.status == .badRequest)
            try await browser.post("/trainees/\(traineeID)/certificate", [("action", "suspend"), ("reason", "A concern is being looked into")])
            try await browser.post("/logout")
            let suspended = try await browser.get("/verify/\(code)")
            #expect(suspended.html.contains(">Suspended<"))
            #expect(!suspended.html.contains("A concern is being looked into"))
        }
    }

    static func verificationIsRateLimitedPerAddressWithAKindPage(_ backend: Backend) async throws {
        // One fixed moment: the limit counts per minute, and a slow run must not cross into the next.
        let moment = Date(timeIntervalSince1970: 1_790_000_010)
        let app = try await WebTestApp(backend: backend, now: { moment })
        try await app.test { browser in
            var last = try await browser.get("/verify/WM-7KQ2-9XHP-3D8M-TB4N-Q")
            for _ in 0..<40 { last = try await browser.get("/verify/WM-7KQ2-9XHP-3D8M-TB4N-Q") }
            #expect(last.status == .tooManyRequests)
            #expect(last.html.contains("Please slow down a little"))
        }
    }
}

extension CertificatePageChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aCoordinatorIssuesAndAnyoneVerifiesWithoutSeeingTheRecord", aCoordinatorIssuesAndAnyoneVerifiesWithoutSeeingTheRecord),
        StoreCheck("verificationIsRateLimitedPerAddressWithAKindPage", verificationIsRateLimitedPerAddressWithAKindPage),
    ])
}
