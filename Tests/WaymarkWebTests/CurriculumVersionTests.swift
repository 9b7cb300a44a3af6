import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Curriculum versions in the store: a reload on one server reaches every server, a broken
/// curriculum is never stored, and no trainee's work is lost. Run on SQLite and PostgreSQL by
/// the suites in `BothStores.swift`.
enum CurriculumVersionChecks {
    static let passMark = (old: "id=\"role-check\" pass-mark=\"70\"", new: "id=\"role-check\" pass-mark=\"90\"")

    /// Two servers on one database: a reload on the first, and the second serves the new
    /// version within 15 seconds, by looking every second as `serve` does every few.
    static func aReloadOnOneServerReachesTheOtherWithin15Seconds(_ backend: Backend) async throws {
        let copy = try CurriculumCopy()
        let first = try await WebTestApp(backend: backend, curriculumDirectory: copy.url)
        try await first.addPeople()
        let second = try await WebTestApp(secondServerOf: first)
        let firstVersions = versioning(first)
        let secondVersions = versioning(second)
        #expect(try await firstVersions.start(from: copy.url, at: Date()).contains("as curriculum version 1"))
        // The same files on the second server: stored already, so it runs version 1 too.
        #expect(try await secondVersions.start(from: repositoryRoot, at: Date()) == "Running curriculum version 1, the curriculum folder's.")

        let ready = Readiness()
        ready.open()
        let polling = Task { try await CurriculumPollService(versioning: secondVersions, every: .seconds(1), ready: ready).run() }
        defer { polling.cancel() }

        try copy.edit("Assessments/peer-mentoring/role-check.xml", passMark.old, passMark.new)
        try await first.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/curriculum")
            #expect(try await browser.post("/curriculum/reload").location == "/curriculum?notice=reloaded")
        }
        #expect(first.web.curriculum.now.version == 2)
        let reloadedAt = ContinuousClock.now
        while second.web.curriculum.now.version != 2, ContinuousClock.now - reloadedAt < .seconds(15) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(second.web.curriculum.now.version == 2, "the second server did not take version 2 within 15 seconds")
        #expect(second.web.curriculum.current.programme("peer-mentoring")?.assessments["role-check"]?.passMark == 90)
        #expect(second.web.curriculum.now.digest == first.web.curriculum.now.digest)
        try await second.test { browser in
            try await browser.signIn("coordinator@example.org")
            let page = try await browser.get("/curriculum")
            #expect(page.html.contains("runs version 2"))
            // Both servers are listed, each with the version it runs.
            #expect(page.html.contains(first.web.curriculum.serverID) && page.html.contains(second.web.curriculum.serverID))
        }
    }

    /// A curriculum with an error is refused on reload and never stored; a server started on
    /// such a folder runs the newest stored version, or does not start when there is none.
    static func aBrokenCurriculumIsNeverStored(_ backend: Backend) async throws {
        let copy = try CurriculumCopy()
        try copy.edit("Assessments/peer-mentoring/role-check.xml", passMark.old, "id=\"role-check\" pass-mark=\"seventy\"")
        let app = try await WebTestApp(backend: backend, curriculumDirectory: copy.url)
        try await app.addPeople()
        await #expect(throws: CurriculumStartRefusal.self) { try await versioning(app).start(from: copy.url, at: Date()) }
        #expect(try await app.store.newestCurriculumVersionNumber() == nil)

        #expect(try await versioning(app).start(from: repositoryRoot, at: Date()).contains("as curriculum version 1"))
        let restarted = try await WebTestApp(secondServerOf: app)
        let told = try await versioning(restarted).start(from: copy.url, at: Date())
        #expect(told.contains("has 1 problems") && told.contains("Running curriculum version 1"))
        #expect(restarted.web.curriculum.now.version == 1)

        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/curriculum")
            let refused = try await browser.post("/curriculum/reload")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("nothing was stored"))
        }
        #expect(try await app.store.newestCurriculumVersionNumber() == 1)
        #expect(try await app.store.curriculumVersions(limit: 10).count == 1)
    }

    /// A trainee has tried a module's check; a new version raises its pass mark. Every event is
    /// still there, progress is worked out again on the new version (the attempt keeps the pass
    /// mark it was taken under), and the page said beforehand that the change touches them.
    static func aReloadNeverLosesATraineesWork(_ backend: Backend) async throws {
        let copy = try CurriculumCopy()
        let app = try await WebTestApp(backend: backend, curriculumDirectory: copy.url)
        try await app.addPeople()
        _ = try await versioning(app).start(from: copy.url, at: Date())
        try await app.recordProgress(finishing: ["role"])
        let trainee = try #require(app.people[.trainee])
        let before = try await app.store.events(traineeID: trainee.id, programmeID: "peer-mentoring")

        try copy.edit("Assessments/peer-mentoring/role-check.xml", passMark.old, passMark.new)
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/curriculum")
            let compared = try await browser.post("/curriculum/compare")
            #expect(compared.status == .ok)
            #expect(compared.html.contains("Pass mark role-check"))
            #expect(compared.html.contains("70% → 90%</td><td>1</td>"))
            #expect(try await browser.post("/curriculum/reload").location == "/curriculum?notice=reloaded")
            let page = try await browser.get("/curriculum")
            #expect(page.html.contains("runs version 2"))
        }
        let after = try await app.store.events(traineeID: trainee.id, programmeID: "peer-mentoring")
        #expect(after == before)
        let programme = try #require(app.web.curriculum.current.programme("peer-mentoring"))
        #expect(programme.assessments["role-check"]?.passMark == 90)
        let status = Progression.evaluate(programme, after, now: Date())
        #expect(status.requirements.first { $0.id == "module:role" }?.isMet == true)
    }

    /// The same files reloaded again make no new version.
    static func theSameFilesAreStoredOnce(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        _ = try await versioning(app).start(from: repositoryRoot, at: Date())
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/curriculum")
            #expect(try await browser.post("/curriculum/reload").location == "/curriculum?notice=same-files")
        }
        #expect(try await app.store.newestCurriculumVersionNumber() == 1)
    }

    static func versioning(_ app: WebTestApp) -> CurriculumVersioning<AnyWaymarkStore> {
        CurriculumVersioning(store: app.store, holder: app.web.curriculum, logger: app.logger)
    }
}

@Suite struct CurriculumDigestTests {
    @Test func theDigestFollowsEveryByteAndNotTheOrderFilesWereRead() throws {
        let a = CurriculumContent(files: [.init(path: "Curriculum/a.xml", bytes: [1, 2]), .init(path: "Assessments/b.xml", bytes: [3])])
        let same = CurriculumContent(files: [.init(path: "Assessments/b.xml", bytes: [3]), .init(path: "Curriculum/a.xml", bytes: [1, 2])])
        let moved = CurriculumContent(files: [.init(path: "Curriculum/a.xml", bytes: [1]), .init(path: "Assessments/b.xml", bytes: [2, 3])])
        #expect(CurriculumDigest.of(a) == CurriculumDigest.of(same))
        #expect(CurriculumDigest.of(a) != CurriculumDigest.of(moved))
        #expect(CurriculumDigest.of(a).count == 64)
    }
}

extension CurriculumVersionChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("aReloadOnOneServerReachesTheOtherWithin15Seconds", aReloadOnOneServerReachesTheOtherWithin15Seconds),
        StoreCheck("aBrokenCurriculumIsNeverStored", aBrokenCurriculumIsNeverStored),
        StoreCheck("aReloadNeverLosesATraineesWork", aReloadNeverLosesATraineesWork),
        StoreCheck("theSameFilesAreStoredOnce", theSameFilesAreStoredOnce),
    ])
}
