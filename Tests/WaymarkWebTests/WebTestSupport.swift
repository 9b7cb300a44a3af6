import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WaymarkActions
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkPasswords
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The web app on a temporary store and the real bundled curriculum (or a copy to break).
final class WebTestApp: @unchecked Sendable {
    /// The store this app made (and removes when it goes); nil for a second server on it.
    private let owned: TemporaryStore?
    let folder: URL
    let store: AnyWaymarkStore
    let web: Web<AnyWaymarkStore>
    let programme: Programme
    /// The log the app writes to (requests, errors): the default, or a test's own to read back.
    let logger: Logger
    var people: [Role: Person] = [:]
    /// Every page the tests render is rendered by swift-mustache too; the bytes must agree.
    let renderCheck = RenderCheck(pageModels: TemplateFieldTests.pageModels)
    static let password = "correct horse battery"

    /// Problems only: a line for every request would bury the test output.
    static var quietLogger: Logger {
        var logger = Logger(label: "waymark.test")
        logger.logLevel = .notice
        return logger
    }

    init(
        backend: Backend = .sqlite,
        curriculumDirectory: URL = repositoryRoot,
        metrics: WebMetrics = WebMetrics(),
        logger: Logger = WebTestApp.quietLogger,
        sendsEmail: Bool = false,
        timeZone: TimeZone = WebDates.standardTimeZone,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws {
        let temporary = try await TemporaryStore(backend)
        owned = temporary
        folder = temporary.folder
        // Appends are counted in the metrics, as `waymark serve` counts them.
        store = temporary.store.observed(by: metrics)
        self.logger = logger
        (web, programme) = try await Self.web(
            store,
            folder: folder,
            curriculumDirectory: curriculumDirectory,
            check: renderCheck,
            metrics: metrics,
            logger: logger,
            sendsEmail: sendsEmail,
            timeZone: timeZone,
            now: now
        )
    }

    /// A second server on the first one's database and keys folder, with a store (a connection
    /// pool) of its own, as a second machine behind a load balancer would have.
    init(secondServerOf first: WebTestApp) async throws {
        owned = nil
        folder = first.folder
        let owner = try #require(first.owned)
        store = try await owner.location.open(timeout: TestDatabase.openTimeout)
        logger = first.logger
        (web, programme) = try await Self.web(
            store,
            folder: folder,
            curriculumDirectory: repositoryRoot,
            check: renderCheck,
            metrics: WebMetrics(),
            logger: logger,
            sendsEmail: false,
            timeZone: first.web.dates.timeZone,
            now: Date.init
        )
        people = first.people
    }

    private static func web(
        _ store: AnyWaymarkStore,
        folder: URL,
        curriculumDirectory: URL,
        check: RenderCheck,
        metrics: WebMetrics,
        logger: Logger,
        sendsEmail: Bool,
        timeZone: TimeZone,
        now: @escaping @Sendable () -> Date
    ) async throws -> (Web<AnyWaymarkStore>, Programme) {
        let report = try CurriculumLoader().load(from: curriculumDirectory, displayRoot: ".")
        let programme = try #require(report.curriculum.programme("peer-mentoring"))
        let web = Web(
            store: store,
            curriculum: CurriculumHolder(report.curriculum, loadedAt: Date()),
            curriculumDirectory: curriculumDirectory,
            pages: try await Pages.load(check: check),
            keys: KeyStore(dataDirectory: folder),
            issuer: CredentialIssuer(name: "Waymark Test Organisation", baseURL: "http://127.0.0.1:8080"),
            passwords: Passwords(cost: 4),
            logger: logger,
            metrics: metrics,
            sendsEmail: sendsEmail,
            timeZone: timeZone,
            now: now
        )
        return (web, programme)
    }

    deinit {
        // Tests end without awaiting; the store goes away in the background.
        if let owned {
            Task { await owned.remove() }
        } else {
            let store = store
            Task { await store.close() }
        }
    }

    /// One person per role, with a password; the trainee is on peer-mentoring with the supervisor.
    func addPeople(traineeName: String = "Sam Trainee") async throws {
        let hash = Passwords(cost: 4).hash(Self.password)
        for role in [Role.coordinator, .supervisor, .admin] {
            people[role] = try await store.addPerson(
                NewPerson(name: "\(role.rawValue.capitalized) Person", email: "\(role.rawValue)@example.org", roles: [role], passwordHash: hash),
                at: Date()
            )
        }
        let trainee = try await store.addPerson(
            NewPerson(name: traineeName, email: "trainee@example.org", roles: [.trainee], passwordHash: hash),
            at: Date()
        )
        people[.trainee] = trainee
        try await Enrolments(store: store).enrol(trainee.id, on: programme, supervisorID: people[.supervisor]?.id, at: Date())
    }

    /// Records what a coordinator and the trainee did before a test starts: every recruitment
    /// check and a "suitable" decision (unless `recruited` is false), then each module read and
    /// passed. Defaults to the trainee `addPeople` made, on the bundled peer-mentoring programme.
    func recordProgress(of traineeID: String? = nil, on programme: Programme? = nil, recruited: Bool = true, finishing moduleIDs: [String] = [])
        async throws
    {
        let traineeID = try #require(traineeID ?? people[.trainee]?.id)
        let programme = programme ?? self.programme
        let coordinator = people[.coordinator]?.id ?? "coordinator"
        let records = TraineeRecords(store: store)
        if recruited {
            for check in programme.recruitment {
                for _ in 0..<max(check.count, 1) {
                    let kind = EventKind.checkRecorded(checkID: check.id, outcome: .complete, note: nil)
                    try await records.record(kind, for: traineeID, on: programme, by: coordinator, at: Date())
                }
            }
            if !programme.recruitment.isEmpty {
                let kind = EventKind.suitabilityDecided(decision: .suitable, revisitOn: nil)
                try await records.record(kind, for: traineeID, on: programme, by: coordinator, reason: "Ready to start.", at: Date())
            }
        }
        for moduleID in moduleIDs {
            let module = try #require(programme.module(moduleID))
            try await records.record(.unitRead(moduleID: module.id), for: traineeID, on: programme, by: traineeID, at: Date())
            if let assessment = programme.assessment(for: module) {
                let passed = AttemptRecord(
                    assessmentID: assessment.id,
                    moduleID: module.id,
                    answers: [:],
                    points: ["all": 100],
                    possiblePoints: 100,
                    passMark: assessment.passMark
                )
                try await records.record(.assessmentAttempted(passed), for: traineeID, on: programme, by: traineeID, at: Date())
            }
        }
    }

    /// How the tests serve the app: as `serve` does by default, on a port the system picks.
    static var configuration: WebAppConfiguration {
        WebAppConfiguration(host: "127.0.0.1", port: 0, secureCookies: false)
    }

    /// Runs a test against the app through HummingbirdTesting's router framework.
    func test<Value: Sendable>(_ body: @Sendable (Browser) async throws -> Value) async throws -> Value {
        let app = try buildApplication(Self.configuration, web: web)
        return try await app.test(.router) { client in try await body(Browser(client, renderCheck: renderCheck)) }
    }

    /// Runs a test against the app listening on a port of its own.
    func testLive<Value: Sendable>(_ body: @Sendable (Browser) async throws -> Value) async throws -> Value {
        let app = try buildApplication(Self.configuration, web: web)
        return try await app.test(.live) { client in try await body(Browser(client)) }
    }
}

/// A browser without JavaScript: keeps cookies, reads each page's form token, follows nothing
/// by itself (tests look at redirects).
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    let renderCheck: RenderCheck?
    private(set) var cookies: [String: String] = [:]
    private(set) var lastToken = ""
    /// Headers sent with every request, as a browser sends `Origin` or `Sec-Fetch-Site`.
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol, renderCheck: RenderCheck? = nil) {
        self.client = client
        self.renderCheck = renderCheck
    }

    struct Page {
        var status: HTTPResponse.Status
        var html: String
        var location: String?
        var headers: HTTPFields
    }

    func setCookie(_ name: String, _ value: String) {
        cookies[name] = value
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil)
    }

    /// Posts a form with this session's token (unless `csrf` says otherwise).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: String? = nil) async throws -> Page {
        let all = [("csrf", csrf ?? lastToken)] + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    /// Posts without any token at all.
    @discardableResult
    func postWithoutToken(_ path: String, _ fields: [(String, String)] = []) async throws -> Page {
        try await send(path, method: .post, body: fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
    }

    /// Posts a body exactly as given, after this session's token: for bytes no browser would encode.
    @discardableResult
    func postEncoded(_ path: String, _ encodedFields: String) async throws -> Page {
        try await send(path, method: .post, body: "csrf=\(Self.encode(lastToken))&" + encodedFields)
    }

    /// Saves a reflection draft the way the reflection page does.
    func saveDraftFor(_ promptID: String, text: String) async throws {
        try await get("/reflections/\(promptID)")
        try await post("/reflections/\(promptID)", [("text", text), ("action", "save")])
    }

    @discardableResult
    func signIn(_ email: String, password: String = WebTestApp.password) async throws -> Page {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }

    private func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = extraHeaders
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if field.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        let html = String(buffer: response.body)
        for mismatch in renderCheck?.take().mismatches ?? [] {
            Issue.record("\(method) \(path) renders differently from swift-mustache: \(mismatch)")
        }
        if let range = html.range(of: #"name="csrf" value="([^"]*)""#, options: .regularExpression) {
            lastToken = String(html[range]).replacingOccurrences(of: #"name="csrf" value=""#, with: "").replacingOccurrences(of: "\"", with: "")
        }
        return Page(status: response.status, html: html, location: response.headers[.location], headers: response.headers)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_", ".", "~"])) ?? text
    }
}

extension Browser.Page {
    /// The text of the first element with this class, tags removed.
    func text(ofClass name: String) -> String? {
        guard let start = html.range(of: "class=\"\(name)\"") else { return nil }
        guard let tagEnd = html[start.upperBound...].firstIndex(of: ">") else { return nil }
        let rest = html[html.index(after: tagEnd)...]
        guard let close = rest.range(of: "</div>") else { return nil }
        return String(rest[..<close.lowerBound]).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The trainee's next step, as the dashboard's first line says it.
    var nextStep: String? {
        text(ofClass: "next-step")?.replacingOccurrences(of: "Your next step: ", with: "")
    }
}

/// Form fields that answer an assessment fully right, or fully wrong.
enum Answers {
    /// Fifty words, in the trainee's own voice.
    static let reflection = Array(repeating: "I would listen first and give them time to say what they need.", count: 4).joined(separator: " ")

    /// What fills a blank with full marks.
    static func rightWords(_ answer: BlankAnswer) -> String {
        switch answer {
        case .typed(let accepted, _): accepted.first { $0.weight >= 100 }.map { $0.text.replacingOccurrences(of: "*", with: "") } ?? ""
        case .number(let accepted): accepted.first { $0.weight >= 100 }.map { String($0.value) } ?? ""
        case .choose(let options): options.first { $0.credit >= 100 }?.text ?? ""
        }
    }

    /// What fills a blank with nothing: a wrong option, a far-off number, words nobody accepts.
    static func wrongWords(_ answer: BlankAnswer) -> String {
        switch answer {
        case .typed: "no idea"
        case .number: "-1000"
        case .choose(let options): options.first { $0.credit <= 0 }?.text ?? ""
        }
    }

    static func fields(_ assessment: Assessment, right: Bool) -> [(String, String)] {
        var fields: [(String, String)] = []
        for question in assessment.questions {
            let name = "q-\(question.id)"
            switch question.kind {
            case .singleChoice(let choices, _):
                if let choice = choices.first(where: { $0.isCorrect == right }) { fields.append((name, choice.id)) }
            case .multipleChoice(let choices, _):
                fields += choices.filter { $0.isCorrect == right }.map { (name, $0.id) }
            case .trueFalse(let answer): fields.append((name, String(right ? answer : !answer)))
            case .shortAnswer(let accepted, _): fields.append((name, right ? (accepted.first { $0.weight >= 100 }?.text ?? "") : "no idea"))
            case .numerical(let answers, _): fields.append((name, right ? String(answers.first { $0.weight >= 100 }?.value ?? 0) : "-1000"))
            case .matching(let pairs, _):
                let matches = right ? pairs.map(\.match) : pairs.map(\.match).reversed()
                fields += zip(pairs, matches).map { ("\(name)-\($0.id)", $1) }
            case .ordering(let items):
                let order = right ? Array(items.indices) : Array(items.indices.reversed())
                fields += zip(items, order).map { ("\(name)-\($0.id)", String($1 + 1)) }
            case .blanks(_, let blanks):
                fields += blanks.map { ("\(name)-\($0.number)", right ? Self.rightWords($0.answer) : Self.wrongWords($0.answer)) }
            // Long enough for any bundled question's min-words, so the check is taken.
            case .reflection: fields.append((name, Self.reflection))
            case .information: break
            }
        }
        return fields
    }
}
