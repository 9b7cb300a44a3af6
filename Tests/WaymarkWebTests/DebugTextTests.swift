import Foundation
import Testing
import WaymarkCredentials
import WaymarkPasswords
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// No page may show a value's debug description: templates get strings, numbers, flags and
/// lists built for them, and a name a section cannot find must never print a whole model.
@Suite struct DebugTextTests {
    /// What Swift prints for a value nobody meant to show.
    nonisolated(unsafe) static let debugText: [Regex<Substring>] = [
        /Optional\(/, /\(id:/, /\b[A-Z][A-Za-z0-9]*\((?:[a-z][A-Za-z0-9]*: |")/, /Waymark[A-Z][a-z]+\.[A-Z]/, /\["/,
    ]

    static func debugTextIn(_ html: String) -> String? {
        firstMatch(of: debugText, in: html)
    }

    /// The first place any of the patterns matches, with 60 characters either side.
    static func firstMatch(of patterns: [Regex<Substring>], in text: String) -> String? {
        for pattern in patterns {
            if let match = text.firstMatch(of: pattern) {
                let start = text.index(match.range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
                let end = text.index(match.range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
                return String(text[start..<end])
            }
        }
        return nil
    }

    /// Words meant for the trainee, which a coordinator's page must never speak.
    nonisolated(unsafe) static let wordsForTheTrainee: [Regex<Substring>] = [
        /A coordinator will/, /[Yy]our coordinator/, /\b[Yy]our (?:references|application|certificate|reflections?|practice|CPD|supervisor|next)\b/,
        /\b(?:Read|Log|Book|Write|Take|Send in) (?:your|the check|")/,
    ]

    static func wordsForTheTraineeIn(_ html: String) -> String? {
        firstMatch(of: wordsForTheTrainee, in: html.components(separatedBy: "<main").dropFirst().first ?? html)
    }

    @Test func theCheckFindsTheTraineesWordsOnACoordinatorsPage() {
        #expect(Self.wordsForTheTraineeIn("<main><li>A coordinator will record your references (0 of 2)</li></main>") != nil)
        #expect(Self.wordsForTheTraineeIn("<main><li>Read \"Listening\"</li></main>") != nil)
        #expect(Self.wordsForTheTraineeIn("<main><li>Record their references (0 of 2)</li><li>They will read \"Listening\"</li></main>") == nil)
    }

    @Test func theCheckFindsTheDebugTextMentorsUsedToShow() {
        #expect(Self.debugTextIn(#"<p>Mentor(id: "415f", name: "Harry Singh", overdue: Optional("Overdue since"))</p>"#) != nil)
        #expect(Self.debugTextIn("<p>Overdue since 1 March 2026 (a Monday)</p>") == nil)
    }

    /// Every page of the demo cohort, for every role.
    @Test func noPageOfTheDemoCohortShowsDebugText() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        let binary = try #require(Self.builtWaymark(), "the waymark executable was not found next to the tests; run swift build first")
        let demo = try runProgram(binary, ["demo", "--data", app.folder.path, "--curriculum", repositoryRoot.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let hash = Passwords(cost: 4).hash(WebTestApp.password)
        let everyone = try await app.store.people(withRole: nil)
        for person in everyone { try await app.store.setPassword(personID: person.id, hash: hash, by: person.id, at: Date()) }
        let trainees = everyone.filter { $0.roles.contains(.trainee) }
        #expect(trainees.count >= 16)
        let codes = try await app.store.certificates(programmeID: nil).map(\.code)
        #expect(!codes.isEmpty)

        let pages = try await app.test { browser in
            var pages = 0
            func look(_ path: String, as who: String) async throws {
                let page = try await browser.get(path)
                pages += 1
                #expect(page.status != .internalServerError, "\(who) \(path)")
                if let found = Self.debugTextIn(page.html) { Issue.record("\(who) \(path) shows debug text: …\(found)…") }
                if path.hasPrefix("/cohort") || (path.hasPrefix("/trainees/") && !path.contains("/reflections/")),
                    let found = Self.wordsForTheTraineeIn(page.html)
                {
                    Issue.record("\(who) \(path) speaks to the trainee: …\(found)…")
                }
            }
            for path in ["/", "/verify", "/login"] + codes.flatMap({ ["/verify/\($0)", "/certificates/\($0)"] }) {
                try await look(path, as: "anyone")
            }
            for trainee in trainees {
                try await browser.signIn(trainee.email)
                for path in ["/dashboard", "/application", "/reflections", "/practice", "/certificate"] { try await look(path, as: trainee.name) }
                let programme = app.programme
                let events = try await app.store.eventsForProgress(traineeID: trainee.id, programmeID: programme.id)
                let access = Progression.access(programme, events, now: Date())
                for module in programme.modules where access.refusal(.readUnit(moduleID: module.id)) == nil {
                    for path in ["/modules/\(module.id)", "/modules/\(module.id)/check", "/modules/\(module.id)/result"] {
                        try await look(path, as: trainee.name)
                    }
                }
                for prompt in ReflectionPrompts.all(programme) where access.refusal(.writeReflection(promptID: prompt.id)) == nil {
                    try await look("/reflections/\(prompt.id)", as: trainee.name)
                }
                try await browser.post("/logout")
            }
            for coordinator in everyone where coordinator.roles.contains(.coordinator) {
                try await browser.signIn(coordinator.email)
                var paths = ["/cohort", "/reviews", "/curriculum"] + Stage.allCases.map { "/cohort?stage=\($0.rawValue)" }
                for trainee in trainees { paths += ["/trainees/\(trainee.id)", "/trainees/\(trainee.id)/vetting"] }
                for path in paths { try await look(path, as: coordinator.name) }
                let reviews = try await browser.get("/reviews")
                for match in reviews.html.matches(of: /href="(\/trainees\/[^"]+\/reflections\/[^"]+)"/) {
                    try await look(String(match.1), as: coordinator.name)
                }
                try await browser.post("/logout")
            }
            for person in everyone where person.roles.contains(.supervisor) || person.roles.contains(.admin) {
                try await browser.signIn(person.email)
                for path in (person.roles.contains(.supervisor) ? ["/mentors"] : []) + (person.roles.contains(.admin) ? ["/people"] : []) {
                    try await look(path, as: person.name)
                }
                try await browser.post("/logout")
            }
            return pages
        }
        #expect(pages > 300)
    }

    /// `swift test` builds every product into the same folder as the test bundle.
    static func builtWaymark() -> URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("waymark")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
