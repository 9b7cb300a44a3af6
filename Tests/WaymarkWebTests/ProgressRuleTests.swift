import Foundation
import HTTPTypes
import Testing
import WaymarkActions
import WaymarkCurriculum
import WaymarkPasswords
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ProgressRuleChecks {
    /// Where a walking trainee stands before the walk.
    enum Standing: CaseIterable {
        /// Applied; no recruitment check recorded.
        case applicant
        /// Recruited, with the first module finished.
        case inTraining
        /// Recruited, with every module finished that practice waits for.
        case inPractice
    }

    /// Trainee routes that only show where things stand (the engine decides what they offer).
    static let overviewRoutes: Set<String> = [
        "GET /dashboard", "GET /application", "POST /application", "GET /reflections", "GET /practice", "GET /certificate", "GET /cpd",
        // The badge pictures follow the certificate's status (BadgeDownloadChecks), not progress.
        "GET /certificate/badge.png", "GET /certificate/badge.svg",
    ]

    /// Every module of both bundled programmes, walked by an applicant, a trainee in training
    /// and one in practice, on every route that reads or writes progress: each answers as the
    /// engine says at that moment, a refusal is a kind page that records nothing, and locked
    /// modules and prompts are not links.
    static func everyProgressRouteAnswersAsTheEngineSays(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let curriculum = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".").curriculum
        #expect(curriculum.programmes.count == 2)

        var number = 0
        for programme in curriculum.programmes {
            for standing in Standing.allCases {
                number += 1
                let trainee = try await enrolTrainee(app, number: number, on: programme, standing: standing)
                try await app.test { browser in
                    try await browser.signIn(trainee.email)
                    let (refused, allowed) = try await walk(app, browser, trainee: trainee.id, programme: programme, standing: standing)
                    // The walks meet both answers, so neither half of the check can pass by itself.
                    let said = "\(programme.id) \(standing): \(refused) refused, \(allowed) allowed"
                    #expect(standing == .inPractice || refused > 0, "\(said)")
                    #expect(standing == .applicant || allowed > 0, "\(said)")
                }
            }
        }

        // Every trainee route is either walked here or only shows where things stand.
        let walked: Set<String> = [
            "GET /modules/{module}", "POST /modules/{module}/read", "GET /modules/{module}/check", "POST /modules/{module}/check",
            "GET /modules/{module}/result", "GET /reflections/{prompt}", "POST /reflections/{prompt}", "POST /practice", "POST /cpd",
        ]
        #expect(Set(app.web.progressRoutes.routes) == walked)
        let traineeRoutes = app.web.routes.routes.filter { $0.access == .only([.trainee]) }.map { "\($0.method) \($0.path)" }
        #expect(Set(traineeRoutes) == walked.union(overviewRoutes))
    }

    private static func enrolTrainee(_ app: WebTestApp, number: Int, on programme: Programme, standing: Standing) async throws -> Person {
        let hash = Passwords(cost: 4).hash(WebTestApp.password)
        let trainee = try await app.store.addPerson(
            NewPerson(name: "Walker \(number)", email: "walker\(number)@example.org", roles: [.trainee], passwordHash: hash),
            at: Date()
        )
        let records = TraineeRecords(store: app.store)
        try await Enrolments(store: app.store).enrol(trainee.id, on: programme, supervisorID: app.people[.supervisor]?.id, at: Date())
        try await records.record(.applicationSubmitted, for: trainee.id, on: programme, by: trainee.id, at: Date())
        let finished: [Module]
        switch standing {
        case .applicant: finished = []
        case .inTraining: finished = Array(programme.modules.prefix(1))
        case .inPractice: finished = programme.practice?.opensAfter.map { modulesNeeded(for: $0, in: programme) } ?? programme.modules
        }
        try await app.recordProgress(of: trainee.id, on: programme, recruited: standing != .applicant, finishing: finished.map(\.id))
        return trainee
    }

    /// The module and every module it needs, in the programme's order.
    private static func modulesNeeded(for moduleID: String, in programme: Programme) -> [Module] {
        var needed: Set<String> = [moduleID]
        var grew = true
        while grew {
            let more = needed.union(programme.modules.filter { needed.contains($0.id) }.flatMap(\.requires))
            grew = more.count > needed.count
            needed = more
        }
        return programme.modules.filter { needed.contains($0.id) }
    }

    /// How many requests the rules refused and allowed.
    private static func walk(
        _ app: WebTestApp,
        _ browser: Browser,
        trainee: String,
        programme: Programme,
        standing: Standing
    ) async throws -> (refused: Int, allowed: Int) {
        var refused = 0
        var allowed = 0
        func access() async throws -> TraineeAccess {
            Progression.access(programme, try await app.store.eventsForProgress(traineeID: trainee, programmeID: programme.id), now: Date())
        }
        func eventCount() async throws -> Int {
            try await app.store.eventsForProgress(traineeID: trainee, programmeID: programme.id).count
        }
        /// Sends one request and checks it against what the engine said just before.
        func expect(_ action: ProgressAction, _ path: String, post fields: [(String, String)]? = nil, allowed success: HTTPResponse.Status) async throws {
            let refusal = try await access().refusal(action)
            let before = try await eventCount()
            let answer: Browser.Page
            if let fields { answer = try await browser.post(path, fields) } else { answer = try await browser.get(path) }
            let label = "\(programme.id) \(standing) \(fields == nil ? "GET" : "POST") \(path)"
            if let refusal {
                refused += 1
                #expect(answer.status == RefusalModel.status(refusal), "\(label): \(refusal)")
                #expect(answer.html.contains(RefusalModel(refusal, sent: fields != nil, dates: WebDates()).heading.htmlEscaped), "\(label)")
                #expect(answer.html.contains("href=\"/dashboard\""), "\(label)")
                #expect(try await eventCount() == before, "\(label) recorded something")
            } else {
                allowed += 1
                #expect(answer.status == success, "\(label)")
            }
            // The page before each form carries its token; keep it fresh.
            try await browser.get("/dashboard")
        }

        // Locked modules and prompts are plain text, open ones are links.
        let dashboard = try await browser.get("/dashboard")
        let reflections = try await browser.get("/reflections")
        let now = try await access()
        for module in programme.modules {
            let open = now.refusal(.readUnit(moduleID: module.id)) == nil
            #expect(dashboard.html.contains("href=\"/modules/\(module.id)\"") == open, "\(programme.id) \(standing) dashboard \(module.id)")
        }
        for prompt in ReflectionPrompts.all(programme) {
            let open = now.refusal(.writeReflection(promptID: prompt.id)) == nil
            #expect(reflections.html.contains("href=\"/reflections/\(prompt.id)\"") == open, "\(programme.id) \(standing) \(prompt.id)")
        }
        let practice = try await browser.get("/practice")
        #expect(practice.html.contains("action=\"/practice\"") == (now.refusal(.logPractice) == nil), "\(programme.id) \(standing) practice")

        // What the rules say, in words a test can hold them to, before anything is walked.
        switch standing {
        case .applicant:
            #expect(now.refusal(.logPractice) != nil)
            #expect(programme.modules.contains { now.refusal(.sendCheck(moduleID: $0.id)) == .waitingForRecruitment })
        case .inTraining:
            #expect(programme.modules.dropFirst().contains { if case .finishFirst = now.refusal(.readUnit(moduleID: $0.id)) { true } else { false } })
        case .inPractice:
            #expect(now.refusal(.logPractice) == (programme.practice == nil ? .noPractice : nil))
        }

        let longText = Answers.reflection
        // Last module first: the ones that wait for others are met while they still wait.
        for module in programme.modules.reversed() {
            try await expect(.readUnit(moduleID: module.id), "/modules/\(module.id)", allowed: .ok)
            try await expect(.readUnit(moduleID: module.id), "/modules/\(module.id)/read", post: [], allowed: .seeOther)
            guard let assessment = programme.assessment(for: module) else { continue }
            try await expect(.openCheck(moduleID: module.id), "/modules/\(module.id)/check", allowed: .ok)
            let hadTries = try await app.store.eventsForProgress(traineeID: trainee, programmeID: programme.id).contains {
                $0.datedAttempt?.record.assessmentID == assessment.id
            }
            try await expect(.openCheck(moduleID: module.id), "/modules/\(module.id)/result", allowed: hadTries ? .ok : .seeOther)
            try await browser.get("/modules/\(module.id)/check")
            let answers = Answers.fields(assessment, right: true)
            try await expect(.sendCheck(moduleID: module.id), "/modules/\(module.id)/check", post: answers, allowed: .seeOther)
        }
        for prompt in ReflectionPrompts.all(programme) {
            try await expect(.writeReflection(promptID: prompt.id), "/reflections/\(prompt.id)", allowed: .ok)
            try await browser.get("/reflections/\(prompt.id)")
            try await expect(
                .writeReflection(promptID: prompt.id),
                "/reflections/\(prompt.id)",
                post: [("text", longText), ("action", "submit")],
                allowed: .seeOther
            )
        }
        try await browser.get("/practice")
        try await expect(
            .logPractice,
            "/practice",
            post: [("date", WebDates().input(Date())), ("hours", "2"), ("setting", "Drop-in centre")],
            allowed: .seeOther
        )
        // None of these trainees holds a certificate yet, so CPD is refused to every one.
        #expect(try await access().refusal(.logCPD) == .noCertificateToRenew)
        try await browser.get("/cpd")
        try await expect(
            .logCPD,
            "/cpd",
            post: [("date", WebDates().input(Date())), ("hours", "2"), ("activity", "First aid course")],
            allowed: .seeOther
        )
        return (refused, allowed)
    }
}

extension String {
    /// As templates write text into a page.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

extension ProgressRuleChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("everyProgressRouteAnswersAsTheEngineSays", everyProgressRouteAnswersAsTheEngineSays),
    ])
}
