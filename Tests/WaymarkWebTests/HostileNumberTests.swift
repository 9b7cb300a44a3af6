import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Values no form would send, as an attacker sends them: each gets a kind 4xx page and nothing is
/// saved. Before, `/cohort?page=9223372036854775807` overflowed and stopped the whole server.
let hostileNumbers = [
    "9223372036854775807", "9223372036854775808", "99999999999999999999999", "-1", "-9223372036854775808", "0", "abc", "1e3",
    "1e-320", "nan", "inf", "0x10", " ", "1 2", "\u{0}", String(repeating: "9", count: 10_000),
]

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum HostileNumberChecks {
    static func cohortPageNumbersAreReadWithBounds(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            for value in hostileNumbers + ["100001"] {
                let page = try await browser.get("/cohort?page=\(Browser.encode(value))")
                #expect(page.status == .badRequest, "page=\(value.prefix(30)) gave \(page.status)")
                #expect(page.html.contains("We could not use a number on this page"), "page=\(value.prefix(30))")
            }
            #expect(try await browser.get("/cohort").status == .ok)
            #expect(try await browser.get("/cohort?page=2").status == .ok)
            #expect(try await browser.get("/cohort?page=100000").status == .ok)
        }
    }

    static func practiceHoursAndDatesAreReadWithBounds(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        // Practice is open: the bounds are what is checked here, not the rule that opens practice.
        try await app.recordProgress(finishing: app.programme.modules.map(\.id))
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            try await browser.get("/practice")
            for hours in hostileNumbers + ["0.1", "24.5", "1.2.3"] {
                let page = try await browser.post("/practice", [("date", "2026-11-20"), ("hours", hours), ("setting", "Drop-in centre")])
                #expect(page.status == .badRequest, "hours=\(hours.prefix(30)) gave \(page.status)")
                #expect(page.html.contains("Enter the hours as a number from 0.25 to 24"), "hours=\(hours.prefix(30))")
            }
            let impossibleDays = ["2026-02-31", "9223372036854775807-12-31", "0-0-0", "1-1-1", "2026-13-01", "2026-00-10", "2026--1-01", "-2026-01-01"]
            for date in hostileNumbers + impossibleDays {
                let page = try await browser.post("/practice", [("date", date), ("hours", "2"), ("setting", "Drop-in centre")])
                #expect(page.status == .badRequest, "date=\(date.prefix(30)) gave \(page.status)")
                #expect(page.html.contains("Enter the date"), "date=\(date.prefix(30))")
            }
            #expect(try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count == before)
            let fine = try await browser.post("/practice", [("date", "2026-02-28"), ("hours", "0,25"), ("setting", "Drop-in centre")])
            #expect(fine.status == .seeOther)
        }
    }

    static func supervisionMinutesAreReadWithBounds(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let traineeID = try #require(app.people[.trainee]?.id)
        let before = try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count
        try await app.test { browser in
            try await browser.signIn("supervisor@example.org")
            for minutes in hostileNumbers + ["4", "601", ""] {
                try await browser.get("/mentors")
                let page = try await browser.post("/mentors/\(traineeID)/supervision", [("date", "2026-11-20"), ("minutes", minutes), ("wellbeing", "good")])
                // Back with the form as it was sent and the problem beside the field.
                #expect(page.status == .badRequest, "minutes=\(minutes.prefix(30)) gave \(page.status)")
                #expect(page.html.contains("from 5 to 600"), "minutes=\(minutes.prefix(30))")
            }
            #expect(try await app.store.events(traineeID: traineeID, programmeID: "peer-mentoring").count == before)
            try await browser.get("/mentors")
            let fine = try await browser.post("/mentors/\(traineeID)/supervision", [("date", "2026-11-20"), ("minutes", "45"), ("wellbeing", "good")])
            #expect(fine.location == "/mentors?notice=recorded#main")
        }
    }
}

@Suite struct RequestNumbersTests {
    @Test func wholeNumbersAreOnlyPlainDigitsWithinTheirRange() {
        for value in hostileNumbers { #expect(RequestNumbers.whole(value, in: 1...100) == nil, "\(value.prefix(30))") }
        #expect(RequestNumbers.whole("42", in: 1...100) == 42)
        #expect(RequestNumbers.whole(" 007 ", in: 1...100) == 7)
        #expect(RequestNumbers.whole("101", in: 1...100) == nil)
    }

    @Test func decimalsHaveNoExponentAndStayWithinTheirRange() {
        for value in hostileNumbers { #expect(RequestNumbers.decimal(value, in: 0.25...24) == nil, "\(value.prefix(30))") }
        #expect(RequestNumbers.decimal("1,5", in: 0.25...24) == 1.5)
        #expect(RequestNumbers.decimal(".5", in: 0.25...24) == 0.5)
        #expect(RequestNumbers.decimal("0.2", in: 0.25...24) == nil)
        #expect(RequestNumbers.decimal("1.", in: 0.25...24) == 1)
    }

    @Test func datesThatDoNotExistAreRefused() {
        for text in ["2026-02-31", "9223372036854775807-12-31", "0-0-0", "1-1-1", "2026-2-29", "20260101", "2026-01-01-01"] {
            #expect(WebDates().parse(text) == nil, "\(text)")
        }
        #expect(WebDates().parse("2028-02-29") != nil)
        #expect(WebDates().parse("2026-11-26").map(WebDates().input) == "2026-11-26")
    }
}

extension HostileNumberChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("cohortPageNumbersAreReadWithBounds", cohortPageNumbersAreReadWithBounds),
        StoreCheck("practiceHoursAndDatesAreReadWithBounds", practiceHoursAndDatesAreReadWithBounds),
        StoreCheck("supervisionMinutesAreReadWithBounds", supervisionMinutesAreReadWithBounds),
    ])
}
