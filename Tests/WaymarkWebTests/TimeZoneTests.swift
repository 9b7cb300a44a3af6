import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Pages write dates in the time zone the app was given at start-up, not one read from the
/// process's environment: two apps in one process, given two zones, write the same moment as
/// two different days.
@Suite struct TimeZoneTests {
    /// 23:30 UTC on 26 November 2026: still the 26th in London, already the 27th in Auckland.
    static let lateEvening = Date(timeIntervalSince1970: 1_795_735_800)

    @Test func theAuditLogWritesAMomentInTheZoneTheAppWasGiven() async throws {
        #expect(WebDates(timeZone: .gmt).dayAndTime(Self.lateEvening) == "26 Nov 2026 at 23:30")
        for (zone, shown) in [("Europe/London", "26 Nov 2026 at 23:30"), ("Pacific/Auckland", "27 Nov 2026 at 12:30")] {
            let app = try await WebTestApp(timeZone: try #require(TimeZone(identifier: zone)))
            try await app.addPeople(traineeName: "Jo Bloggs")
            let traineeID = try #require(app.people[.trainee]?.id)
            let coordinatorID = try #require(app.people[.coordinator]?.id)
            try await app.store.addVettingNote(traineeID: traineeID, text: "A working note", by: coordinatorID, at: Self.lateEvening)
            try await app.test { browser in
                try await browser.signIn("admin@example.org")
                let log = try await browser.get("/audit?action=vetting.note-added")
                #expect(log.status == .ok)
                #expect(log.html.contains(shown), "\(zone)")
            }
        }
    }

    @Test func aDateTypedIsReadAsNoonInTheZoneGiven() throws {
        let auckland = WebDates(timeZone: try #require(TimeZone(identifier: "Pacific/Auckland")))
        let noon = try #require(auckland.parse("2026-11-27"))
        // Noon in Auckland (UTC+13 in November) is 23:00 UTC the day before.
        #expect(noon == Date(timeIntervalSince1970: 1_795_734_000))
        #expect(auckland.input(noon) == "2026-11-27")
        #expect(WebDates(timeZone: .gmt).input(noon) == "2026-11-26")
    }
}
