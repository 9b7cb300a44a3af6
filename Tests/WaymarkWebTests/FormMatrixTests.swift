import Foundation
import Testing
import WaymarkActions
import WaymarkProgress
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Every form in the app, sent with each field in turn missing or wrong while the others are
/// valid: the page comes back 400 with the problem at the top and beside the field, tied to it,
/// with everything else as it was sent, and nothing recorded. A new form is one more row.
/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum FormMatrixChecks {
    static var today: String { WebDates().input(Date()) }
    static var nextWeek: String { WebDates().input(Date().addingTimeInterval(10 * 86_400)) }
    static var lastMonth: String { WebDates().input(Date().addingTimeInterval(-30 * 86_400)) }

    /// A trainee in training who has used every try at the boundaries check and sent a
    /// reflection to be read, with a coordinator, a supervisor and an admin.
    static func traineeInTraining(on backend: Backend) async throws -> WebTestApp {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.recordProgress(finishing: ["role", "lived-experience", "listening"])
        let traineeID = try #require(app.people[.trainee]?.id)
        let records = TraineeRecords(store: app.store)
        let assessment = try #require(app.programme.assessments["boundaries-check"])
        let failed = Scoring.attempt(assessment, moduleID: "boundaries", answers: [:]).record
        for _ in 0..<(assessment.maximumAttempts ?? 1) {
            try await records.record(.assessmentAttempted(failed), for: traineeID, on: app.programme, by: traineeID, at: Date().addingTimeInterval(-7 * 86_400))
        }
        try await records.record(
            .reflectionSubmitted(promptID: "why-mentor", text: Answers.reflection),
            for: traineeID,
            on: app.programme,
            by: traineeID,
            at: Date()
        )
        return app
    }

    static func theApplicationFormComesBackWithTheProblemAndKeepsTheRest(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.test { browser in
            let name = "Rae Newcomer"
            let email = "rae@example.org"
            let contact = "07700 900123, after 5pm"
            let note = "I was mentored myself.\nI would like to give something back."
            for path in ["/apply", "/apply/volunteer-induction"] {
                try await FormMatrix.send(
                    MatrixForm(
                        name: "application form at \(path)",
                        route: path == "/apply" ? "/apply" : "/apply/:programme",
                        page: path,
                        action: path,
                        valid: [("name", name), ("email", email), ("contact", contact), ("note", note)],
                        wrong: [
                            WrongField("name", nil, "Enter your name."), WrongField("name", "  ", "Enter your name."),
                            WrongField("email", nil, "Enter an email address"), WrongField("email", "rae.example.org", "Enter an email address"),
                        ] + WrongField.freeText("name", limit: 100, around: name) + WrongField.freeText("email", limit: 254, around: email)
                            + WrongField.freeText("contact", limit: 300, around: contact) + WrongField.freeText("note", limit: 2_000, around: note)
                    ),
                    browser,
                    app
                )
            }
        }
    }

    static func theFirstRunAndSignInFormsComeBackWithTheProblemAndKeepTheRest(_ backend: Backend) async throws {
        let fresh = try await WebTestApp(backend: backend)
        let setup = try await fresh.web.makeLink(.setup, for: nil)
        try await fresh.test { browser in
            let name = "Ada Lovelace"
            let email = "ada@example.org"
            let password = "engines weave patterns"
            try await FormMatrix.send(
                MatrixForm(
                    name: "setup",
                    route: "/setup/:token",
                    page: setup,
                    action: setup,
                    valid: [("name", name), ("email", email), ("password", password), ("confirm", password)],
                    wrong: [
                        WrongField("name", nil, "Enter your name."), WrongField("name", "  ", "Enter your name."),
                        WrongField("email", nil, "Enter an email address"), WrongField("email", "ada.example.org", "Enter an email address"),
                        WrongField("password", nil, "Choose a password."), WrongField("password", "short", "Use at least 12 characters"),
                        WrongField("confirm", nil, "The two passwords are different"),
                        WrongField("confirm", "other words entirely", "The two passwords are different"),
                    ] + WrongField.freeText("name", limit: 100, around: name) + WrongField.freeText("email", limit: 254, around: email)
                ),
                browser,
                fresh
            )
        }

        let app = try await traineeInTraining(on: backend)
        let invited = try await app.store.addPerson(
            NewPerson(name: "Ina Invited", email: "ina@example.org", roles: [.supervisor], passwordHash: nil),
            at: Date()
        )
        let invite = try await app.web.makeLink(.invite, for: invited.id)
        try await app.test { browser in
            let password = "another good phrase"
            try await FormMatrix.send(
                MatrixForm(
                    name: "invite",
                    route: "/invite/:token",
                    page: invite,
                    action: invite,
                    valid: [("password", password), ("confirm", password)],
                    wrong: [
                        WrongField("password", nil, "Choose a password."), WrongField("password", "short", "Use at least 12 characters"),
                        WrongField("confirm", nil, "The two passwords are different"),
                        WrongField("confirm", "other words entirely", "The two passwords are different"),
                    ]
                ),
                browser,
                app
            )
            let reset = try await app.web.makeLink(.passwordReset, for: invited.id, lifetime: 3_600)
            try await FormMatrix.send(
                MatrixForm(
                    name: "new password",
                    route: "/password-reset/:token",
                    page: reset,
                    action: reset,
                    valid: [("password", password), ("confirm", password)],
                    wrong: [
                        WrongField("password", nil, "Choose a password."), WrongField("password", "short", "Use at least 12 characters"),
                        WrongField("confirm", "other words entirely", "The two passwords are different"),
                    ]
                ),
                browser,
                app
            )
            try await FormMatrix.send(
                MatrixForm(
                    name: "forgotten password",
                    route: "/password-reset",
                    page: "/password-reset",
                    action: "/password-reset",
                    valid: [("email", "ina@example.org")],
                    wrong: [
                        WrongField("email", nil, "Enter the email address you sign in with."),
                        WrongField("email", "ina.example.org", "Enter an email address"),
                    ] + WrongField.freeText("email", limit: 254, around: "ina@example.org")
                ),
                browser,
                app
            )
            try await FormMatrix.send(
                MatrixForm(
                    name: "sign in",
                    route: "/login",
                    page: "/login",
                    action: "/login",
                    valid: [("email", "trainee@example.org"), ("password", WebTestApp.password)],
                    wrong: [WrongField("email", nil, "Enter your email address."), WrongField("password", nil, "Enter your password.")]
                        + WrongField.freeText("email", limit: 254, around: "trainee@example.org")
                ),
                browser,
                app
            )

            // The verify form is a GET: a code that is not a certificate's comes back the same way.
            for typed in ["wm-nope", "WM-0000-0000-0000-0000-0"] {
                let page = try await browser.get("/verify?code=\(Browser.encode(typed))")
                let location = try #require(page.location, "verify did not go to the code's page")
                let checked = try await browser.get(location)
                #expect(checked.status == .notFound)
                checked.showsProblem(on: "code", "", tied: true, "verify \(typed)")
                #expect(Browser.Page.keeps(checked.form(action: "/verify") ?? "", "code", typed), "verify: \(typed) was lost")
            }
        }
    }

    static func thePeopleFormsComeBackWithTheProblemAndKeepTheRest(_ backend: Backend) async throws {
        let app = try await traineeInTraining(on: backend)
        let traineeID = try #require(app.people[.trainee]?.id)
        let adminID = try #require(app.people[.admin]?.id)
        let supervisorID = try #require(app.people[.supervisor]?.id)
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            let name = "Nia Newcomer"
            let email = "nia@example.org"
            let forms = [
                MatrixForm(
                    name: "invite a person",
                    route: "/people",
                    page: "/people",
                    action: "/people",
                    valid: [("name", name), ("email", email), ("role", "trainee"), ("programme", "peer-mentoring"), ("supervisor", supervisorID)],
                    wrong: [
                        WrongField("name", nil, "Enter their name."), WrongField("email", nil, "Enter an email address"),
                        WrongField("email", "nope", "Enter an email address"), WrongField("role", nil, "Choose at least one role."),
                        WrongField("programme", nil, "Choose the programme"), WrongField("programme", "no-such-programme", "Choose the programme"),
                        WrongField("supervisor", "nobody", "Choose a supervisor from the list"),
                    ] + WrongField.freeText("name", limit: 100, around: name) + WrongField.freeText("email", limit: 254, around: email)
                ),
                MatrixForm(
                    name: "roles",
                    route: "/people/:person/roles",
                    page: "/people",
                    action: "/people/\(traineeID)/roles",
                    valid: [("role", "trainee")],
                    wrong: [
                        WrongField("role", id: "roles-\(traineeID)", nil, "Choose at least one role for Sam Trainee"),
                        WrongField("role", id: "roles-\(traineeID)", "boss", "Choose at least one role for Sam Trainee"),
                    ]
                ),
                MatrixForm(
                    name: "own roles",
                    route: "/people/:person/roles",
                    page: "/people",
                    action: "/people/\(adminID)/roles",
                    valid: [("role", "admin")],
                    wrong: [WrongField("role", id: "roles-\(adminID)", "coordinator", "You cannot take away your own admin role.")]
                ),
                MatrixForm(
                    name: "deactivate",
                    route: "/people/:person/active",
                    page: "/people/\(traineeID)/deactivate",
                    action: "/people/\(traineeID)/active",
                    valid: [("active", "false")],
                    wrong: [
                        WrongField("active", id: "account-\(traineeID)", nil, "We could not tell whether", tied: false),
                        WrongField("active", id: "account-\(traineeID)", "maybe", "We could not tell whether", tied: false),
                    ]
                ),
            ]
            for form in forms { try await FormMatrix.send(form, browser, app) }
        }
    }

    static func theTraineeFormsComeBackWithTheProblemAndKeepTheRest(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        // Practice opens once the boundaries module is done.
        try await app.recordProgress(finishing: ["role", "lived-experience", "listening", "boundaries"])
        let prompt = "lived-experience-who-is-it-for"
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            let note = "Free on Tuesdays"
            let setting = "Drop-in centre"
            let forms = [
                MatrixForm(
                    name: "application",
                    route: "/application",
                    page: "/application",
                    action: "/application",
                    valid: [("note", note)],
                    wrong: WrongField.freeText("note", limit: 2_000, around: note)
                ),
                MatrixForm(
                    name: "practice",
                    route: "/practice",
                    page: "/practice",
                    action: "/practice",
                    valid: [("date", today), ("hours", "1.5"), ("setting", setting)],
                    wrong: [
                        WrongField("date", nil, "Enter the date"), WrongField("date", "2026-02-31", "Enter the date"),
                        WrongField("date", nextWeek, "The date cannot be in the future."), WrongField("hours", nil, "Enter the hours"),
                        WrongField("hours", "lots", "Enter the hours"), WrongField("hours", "25", "Enter the hours"),
                        WrongField("setting", nil, "Say where it happened"),
                    ] + WrongField.freeText("setting", limit: 300, around: setting)
                ),
                MatrixForm(
                    name: "reflection",
                    route: "/reflections/:prompt",
                    page: "/reflections/\(prompt)",
                    action: "/reflections/\(prompt)",
                    valid: [("text", Answers.reflection), ("action", "submit")],
                    wrong: [
                        WrongField("text", nil, "Write your reflection before you send it."),
                        WrongField("text", "Too short to send.", "Please write at least 30 words."),
                        WrongField("action", id: "text", "later", "Choose whether to send your reflection"),
                    ] + WrongField.freeText("text", limit: 10_000, around: Answers.reflection)
                ),
            ]
            for form in forms { try await FormMatrix.send(form, browser, app) }
        }

        // Free text inside checks: a short answer and a reflection question.
        let checks = try await WebTestApp(backend: backend)
        try await checks.addPeople()
        try await checks.recordProgress(finishing: ["role"])
        try await checks.test { browser in
            try await browser.signIn("trainee@example.org")
            for (module, field, limit) in [("role", "q-person-you-support", 300), ("lived-experience", "q-when-i-would-share", 10_000)] {
                let found = try #require(checks.programme.module(module))
                let assessment = try #require(checks.programme.assessment(for: found))
                let valid = Answers.fields(assessment, right: true)
                let typed = try #require(valid.first { $0.0 == field }?.1)
                try await FormMatrix.send(
                    MatrixForm(
                        name: "\(module) check",
                        route: "/modules/:module/check",
                        page: "/modules/\(module)/check",
                        action: "/modules/\(module)/check",
                        valid: valid,
                        wrong: WrongField.freeText(field, limit: limit, around: typed)
                    ),
                    browser,
                    checks
                )
            }
        }
    }
}

@Suite struct FormMatrixCoverageTests {
    /// The routes the matrix sends, and the forms that have no field to get wrong.
    static let sent: Set<String> = [
        "/setup/:token", "/invite/:token", "/login", "/people", "/apply", "/apply/:programme", "/people/:person/roles", "/people/:person/active", "/application",
        "/practice", "/reflections/:prompt", "/modules/:module/check", "/trainees/:trainee/vetting", "/trainees/:trainee/vetting/notes",
        "/trainees/:trainee/checks", "/trainees/:trainee/decision", "/trainees/:trainee/tries", "/trainees/:trainee/reflections/:prompt",
        "/mentors/:trainee/supervision", "/trainees/:trainee/certificate", "/cpd", "/password-reset", "/password-reset/:token",
    ]
    static let withoutFields: Set<String> = [
        "/logout", "/modules/:module/read", "/curriculum/reload", "/curriculum/compare", "/people/:person/sessions",
        "/mentors/:trainee/countersign/:entry",
        "/people/:person/erase", "/outbox/:message/retry", "/people/:person/invite", "/applications",
    ]

    @Test func everyFormThatPostsIsInTheMatrix() async throws {
        let app = try await WebTestApp()
        try await app.test { _ in }
        let posted = app.web.routes.routes.filter { $0.method == .post }.map {
            $0.path.replacingOccurrences(of: #"\{([a-z]+)\}"#, with: ":$1", options: .regularExpression)
        }
        #expect(!posted.isEmpty)
        for path in posted {
            #expect(Self.sent.contains(path) || Self.withoutFields.contains(path), "\(path) posts a form the matrix does not send")
        }
    }
}

extension FormMatrixChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("theCoordinatorAndSupervisorFormsComeBackWithTheProblemAndKeepTheRest", theCoordinatorAndSupervisorFormsComeBackWithTheProblemAndKeepTheRest),
        StoreCheck("theCertificateAndCPDFormsComeBackWithTheProblemAndKeepTheRest", theCertificateAndCPDFormsComeBackWithTheProblemAndKeepTheRest),
        StoreCheck("theApplicationFormComesBackWithTheProblemAndKeepsTheRest", theApplicationFormComesBackWithTheProblemAndKeepsTheRest),
        StoreCheck("theFirstRunAndSignInFormsComeBackWithTheProblemAndKeepTheRest", theFirstRunAndSignInFormsComeBackWithTheProblemAndKeepTheRest),
        StoreCheck("thePeopleFormsComeBackWithTheProblemAndKeepTheRest", thePeopleFormsComeBackWithTheProblemAndKeepTheRest),
        StoreCheck("theTraineeFormsComeBackWithTheProblemAndKeepTheRest", theTraineeFormsComeBackWithTheProblemAndKeepTheRest),
    ])
}
