import Foundation
import Testing
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// CPD hours, the first half of renewing a certificate: before this page nothing could record
/// them, so no certificate could ever be renewed.
@Suite struct CPDPageTests {
    func cpdEntries(_ app: WebTestApp, _ traineeID: String) async throws -> [TraineeEvent] {
        try await app.store.events(traineeID: traineeID, programmeID: app.programme.id).filter {
            if case .cpdLogged = $0.kind { return true }
            return false
        }
    }

    @Test func aTraineeWithoutACertificateIsToldWhenAndNothingIsRecorded() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let page = try await browser.get("/cpd")
            #expect(page.status == .ok)
            #expect(page.html.contains("continuing professional development"))
            #expect(page.html.contains("once you hold a certificate"))
            #expect(!page.html.contains(#"action="/cpd""#))
            let sent = try await browser.post("/cpd", [("date", "2026-11-20"), ("hours", "2"), ("activity", "A course")])
            #expect(sent.status == .conflict)
            #expect(sent.html.contains("You can log CPD hours once you have a certificate"))
            #expect(sent.html.contains("Nothing you sent was saved."))
        }
        #expect(try await cpdEntries(app, traineeID).isEmpty)
    }

    @Test func aCertifiedTraineeLogsHoursFromTheirNextStepAndKeepsWhatTheyTyped() async throws {
        let app = try await WebTestApp(backend: .sqlite)
        try await app.addPeople(traineeName: "Jo Holder")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            _ = try await app.issueCertificateAsCoordinator(browser)
            try await browser.signIn("trainee@example.org")
            let mine = try await browser.get("/certificate")
            #expect(mine.html.range(of: #"Anyone can check it at <a class="address" href="http://127\.0\.0\.1:8080/verify/WM-[A-Z0-9-]+">"#, options: .regularExpression) != nil)
            let dashboard = try await browser.get("/dashboard")
            #expect(dashboard.html.contains(#"<a href="/cpd">CPD hours since your certificate</a>"#), "the CPD step is not a link")
            #expect(dashboard.html.contains("CPD means continuing professional development"))
            #expect(dashboard.html.contains("A refresher check is a short check on a module you have already passed"))
            #expect(dashboard.html.contains(#"<a href="/modules/listening">Refresher check"#))
            // Booking supervision is done with the supervisor; the practice log is not where.
            #expect(dashboard.html.contains("Book your next supervision session"))
            #expect(!dashboard.html.contains(#"<a href="/practice">Book your next supervision session"#))
            try await browser.get("/cpd")

            let wrong = try await browser.post("/cpd", [("date", "2026-11-20"), ("hours", "lots"), ("activity", "First aid course")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains(#"value="First aid course""#))
            #expect(wrong.html.contains(#"value="2026-11-20""#))
            #expect(wrong.html.contains(#"value="lots""#))
            #expect(wrong.html.contains(##"<a href="#hours">Enter the hours as a number from 0.25 to 100"##))
            #expect(wrong.html.contains(#"aria-invalid="true" aria-describedby="hours-error hours-hint""#))

            for (hours, problem) in [("1e-320", "from 0.25 to 100"), ("1e400", "from 0.25 to 100"), ("nan", "from 0.25 to 100"), ("-3", "from 0.25 to 100")] {
                let refused = try await browser.post("/cpd", [("date", "2026-11-20"), ("hours", hours), ("activity", "Course")])
                #expect(refused.status == .badRequest, "\(hours)")
                #expect(refused.html.contains(problem), "\(hours)")
            }
            let long = try await browser.post("/cpd", [("date", "2026-11-20"), ("hours", "1"), ("activity", String(repeating: "a", count: 301))])
            #expect(long.html.contains("300 characters or fewer"))

            let logged = try await browser.post("/cpd", [("date", WebDates().input(Date())), ("hours", "2,5"), ("activity", "First aid course")])
            #expect(logged.status == .seeOther)
            #expect(logged.location == "/cpd?notice=logged")
            let after = try await browser.get("/cpd?notice=logged")
            #expect(after.html.contains("Your CPD hours are logged"))
            #expect(after.html.contains("First aid course"))
            #expect(after.html.contains("You have logged 2.5 of the 10 hours"))
        }
        let entries = try await cpdEntries(app, traineeID)
        #expect(entries.count == 1)
        guard case .cpdLogged(_, let hours, let activity) = entries.first?.kind else { return }
        #expect(hours == 2.5)
        #expect(activity == "First aid course")
    }
}
