import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// Run on SQLite and on PostgreSQL by the suites in `BothStores.swift`.
enum ApplyChecks {
    static let application = [
        ("name", "Rae Newcomer"), ("email", "rae@example.org"), ("contact", "07700 900123 after 5pm"), ("note", "I was mentored myself."),
    ]

    /// Someone applies with no account; a coordinator finds them first in the cohort with what
    /// they wrote; an admin makes them a link, which lets them set a password.
    static func anApplicantAppliesAndIsSeenFirst(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Aaron Already")
        try await app.test { browser in
            let home = try await browser.get("/")
            #expect(home.html.contains("href=\"/apply\""))
            #expect(try await browser.get("/login").html.contains("href=\"/apply\""))
            let form = try await browser.get("/apply")
            #expect(form.status == .ok)
            #expect(form.html.contains("Having a conviction does not stop you."))
            #expect(form.html.contains("Disclosure and Barring Service"))
            #expect(form.html.contains("Only the coordinators and administrators at Waymark Test Organisation"))
            #expect(form.html.contains("we delete it and your details 6 months after you send it"))
            // No question about convictions: the only fields are these four.
            let names = (form.form(action: "/apply") ?? "").matches(of: /name="([a-z]+)"/).map { String($0.1) }
            #expect(Set(names) == ["csrf", "name", "email", "contact", "note"])
            let sent = try await browser.post("/apply", application)
            #expect(sent.location == "/applied")
            let thanks = try await browser.get("/applied")
            #expect(thanks.html.contains("A coordinator will be in touch"))
            #expect(!thanks.html.contains("we have sent you an email"))
        }
        let applicant = try #require(try await app.store.person(email: "rae@example.org"))
        #expect(applicant.passwordHash == nil && applicant.roles == [.trainee])
        #expect(try await app.store.application(traineeID: applicant.id)?.contact == "07700 900123 after 5pm")
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let cohort = try await browser.get("/cohort")
            let first = try #require(cohort.html.range(of: "/trainees/[0-9a-f-]{36}", options: .regularExpression).map { String(cohort.html[$0]) })
            #expect(first == "/trainees/\(applicant.id)")
            let record = try await browser.get(first)
            #expect(record.html.contains("Their application"))
            #expect(record.html.contains("07700 900123 after 5pm"))
            #expect(record.html.contains("I was mentored myself."))
            try await browser.post("/logout")

            try await browser.signIn("admin@example.org")
            let person = try await browser.get("/people/\(applicant.id)")
            #expect(person.html.contains("I was mentored myself."))
            #expect(person.html.contains("Has not set a password yet"))
            let copy = try await browser.get("/people/\(applicant.id)/data")
            #expect(copy.html.contains("Their application") && copy.html.contains("07700 900123 after 5pm"))
            let made = try await browser.post("/people/\(applicant.id)/invite")
            #expect(made.status == .ok)
            let link = try #require(made.html.range(of: #"/invite/[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(made.html[$0]) })
            try await browser.post("/logout")
            #expect(try await browser.get(link).html.contains("Choose a password"))
            #expect(try await browser.post(link, [("password", "another good phrase"), ("confirm", "another good phrase")]).location == "/dashboard")
            try await browser.post("/logout")
            // Someone with a password has no link to make.
            try await browser.signIn("admin@example.org")
            #expect(try await browser.get("/people/\(applicant.id)").html.contains("Can sign in"))
            #expect(try await browser.post("/people/\(applicant.id)/invite").status == .conflict)
        }
    }

    /// With email set up, the thanks says an email is on its way.
    static func withEmailTheThanksSaysAnEmailIsComing(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend, sendsEmail: true)
        try await app.test { browser in
            try await browser.get("/apply")
            #expect(try await browser.post("/apply", application).location == "/applied")
            #expect(try await browser.get("/applied").html.contains("we have sent you an email with a link to set a password"))
        }
        // The email went into the outbox with the application, and its link sets a password.
        let mail = try await app.store.claimOutbox(owner: "test", at: Date(), leaseUntil: Date().addingTimeInterval(60), limit: 10)
        let sent = try #require(mail.first { $0.address == "rae@example.org" })
        #expect(sent.subject.contains("Thank you for applying"))
        let line = try #require(sent.plainText.split(separator: "\n").first { $0.contains("/invite/") })
        let start = try #require(line.range(of: "/invite/")).lowerBound
        let path = line[start...].trimmingCharacters(in: .whitespacesAndNewlines)
        try await app.test { browser in
            let page = try await browser.get(path)
            #expect(page.html.contains("name=\"password\""))
        }
    }

    /// An address with an account gets the same thanks, and nothing about that account changes.
    static func aTakenEmailSaysNothingAndChangesNothing(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        let before = try await FormMatrix.recorded(app)
        try await app.test { browser in
            try await browser.get("/apply")
            let sent = try await browser.post("/apply", [("name", "Not Sam"), ("email", "TRAINEE@example.org"), ("contact", ""), ("note", "")])
            #expect(sent.location == "/applied")
        }
        #expect(try await FormMatrix.recorded(app) == before)
        #expect(try await app.store.person(email: "trainee@example.org")?.name == "Sam Trainee")
    }

    /// Another programme by its id; an unknown one is a kind 404; no token, no application.
    static func programmesAreChosenByAddress(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        let other = try #require(app.web.curriculum.current.programme("volunteer-induction"))
        try await app.test { browser in
            #expect(try await browser.get("/apply/volunteer-induction").html.contains(other.title))
            #expect(try await browser.post("/apply/volunteer-induction", application).location == "/applied")
            let unknown = try await browser.get("/apply/no-such-programme")
            #expect(unknown.status == .notFound)
            #expect(unknown.html.contains("We could not find that programme"))
            #expect(try await browser.post("/apply", application, csrf: "forged").status == .forbidden)
        }
        let applicant = try #require(try await app.store.person(email: "rae@example.org"))
        #expect(try await app.store.enrolments(traineeID: applicant.id).map(\.programmeID) == ["volunteer-induction"])
        #expect(try await app.store.people(withRole: nil).count == 1)
    }

    /// Past the limit from one address: a kind 429 with the form as it was typed, nothing made.
    static func tooManyFromOneAddressKeepsTheForm(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.test { browser in
            try await browser.get("/apply")
            for number in 0..<Web<AnyWaymarkStore>.applicationsPerAddress {
                let fields = [("name", "Person \(number)"), ("email", "person\(number)@example.org"), ("contact", ""), ("note", "")]
                #expect(try await browser.post("/apply", fields).location == "/applied")
            }
            let refused = try await browser.post("/apply", application)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "3600")
            #expect(refused.html.contains("Nothing you typed is lost"))
            for (name, value) in application {
                #expect(Browser.Page.keeps(refused.form(action: "/apply") ?? "", name, value), "\(name) was lost")
            }
        }
        #expect(try await app.store.person(email: "rae@example.org") == nil)
    }

    /// An admin closes applications: the form says so politely and takes nothing, until opened.
    static func closedApplicationsAreRefusedPolitely(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople()
        try await app.test { browser in
            #expect(try await browser.get("/apply").html.contains("name=\"email\""))
            try await browser.signIn("admin@example.org")
            let settings = try await browser.get("/applications")
            #expect(settings.html.contains("Applications are open."))
            #expect(settings.html.contains("<code>http://127.0.0.1:8080/apply</code>"))
            #expect(try await browser.post("/applications", [("applications", "maybe")]).status == .badRequest)
            #expect(try await app.store.applicationsOpen())
            #expect(try await browser.post("/applications", [("applications", "closed")]).location == "/applications?notice=closed#main")
            #expect(try await browser.get("/applications").html.contains("Applications are closed."))
            try await browser.post("/logout")

            let closed = try await browser.get("/apply")
            #expect(closed.html.contains("Applications are closed for now"))
            #expect(!closed.html.contains("name=\"email\""))
            try await browser.get("/login")  // a fresh token for a visitor's form
            let refused = try await browser.post("/apply", application)
            #expect(refused.status == .forbidden)
            #expect(refused.html.contains("Applications are closed for now"))
            #expect(try await app.store.person(email: "rae@example.org") == nil)
            #expect(try await browser.get("/apply/volunteer-induction").html.contains("Applications are closed for now"))
        }
        let log = try await app.store.auditLog(AuditQuery(action: "applications.closed", limit: 10)).entries
        #expect(log.map(\.actorID) == [app.people[.admin]?.id])
    }
}

extension ApplyChecks {
    /// Each check above, run on SQLite and on PostgreSQL by `BothStores.swift`.
    static let onBothStores = StoreCheck.list(Self.self, [
        StoreCheck("anApplicantAppliesAndIsSeenFirst", anApplicantAppliesAndIsSeenFirst),
        StoreCheck("withEmailTheThanksSaysAnEmailIsComing", withEmailTheThanksSaysAnEmailIsComing),
        StoreCheck("aTakenEmailSaysNothingAndChangesNothing", aTakenEmailSaysNothingAndChangesNothing),
        StoreCheck("programmesAreChosenByAddress", programmesAreChosenByAddress),
        StoreCheck("tooManyFromOneAddressKeepsTheForm", tooManyFromOneAddressKeepsTheForm),
        StoreCheck("closedApplicationsAreRefusedPolitely", closedApplicationsAreRefusedPolitely),
    ])
}
