import Foundation
import Testing
import WaymarkActions
import WaymarkMail
import WaymarkProgress
import WaymarkStore

@testable import WaymarkWeb

@Suite struct OutboxPageTests {
    @Test func anInviteEmailCarriesTheLinkTheAdminSees() async throws {
        let app = try await WebTestApp(sendsEmail: true)
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            try await browser.get("/people")
            let added = try await browser.post("/people", [("name", "Dee <Newcomer>"), ("email", "dee@example.org"), ("role", "supervisor")])
            #expect(added.html.contains("We have emailed them a link"))
            let messages = try await app.store.claimOutbox(owner: "t", at: Date(), leaseUntil: Date() + 60, limit: 10)
            let invite = try #require(messages.first)
            #expect(invite.kind == .invite && invite.address == "dee@example.org")
            let link = try #require(invite.plainText.split(separator: "\n").first { $0.hasPrefix("http://127.0.0.1:8080/invite/") })
            #expect(added.html.contains("<code>\(link)</code>"))
            #expect(invite.plainText.contains("Hello Dee <Newcomer>,"))
            #expect(invite.html.contains("Hello Dee &lt;Newcomer&gt;,"))
            #expect(!invite.html.contains("<Newcomer>"))
        }
    }

    @Test func withoutEmailTheAdminIsToldToSendTheLinkThemselves() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            try await browser.get("/people")
            let added = try await browser.post("/people", [("name", "Dee"), ("email", "dee@example.org"), ("role", "supervisor")])
            #expect(added.html.contains("Send them this link to choose their password"))
            // Nothing is lost: the email waits for email to be set up.
            #expect(try await app.store.outboxCounts() == OutboxCounts(waiting: 1))
            let page = try await browser.get("/outbox")
            #expect(page.html.contains("Email is not set up on this site"))
        }
    }

    @Test func theOutboxPageListsFailuresWithoutTheirWordsAndTriesAgain() async throws {
        let metrics = WebMetrics(token: String(repeating: "m", count: 24))
        let app = try await WebTestApp(metrics: metrics, sendsEmail: true)
        try await app.addPeople()
        let trainee = try #require(app.people[.trainee])
        try await app.store.enqueue([app.web.mailWords.reflectionSentBack(to: trainee)], quietSince: nil, at: Date())
        let transport = RecordingTransport()
        transport.fail(with: [.permanent("550 mailbox unavailable")])
        try await OutboxSender(store: app.store, transport: transport, messageDomain: "x.example").sendDue()
        try await app.store.enqueue([app.web.mailWords.certificateIssued(to: trainee, title: "Peer mentor")], quietSince: nil, at: Date())
        try await app.test { browser in
            try await browser.signIn("admin@example.org")
            let page = try await browser.get("/outbox")
            #expect(page.html.contains("trainee@example.org"))
            #expect(page.html.contains("550 mailbox unavailable"))
            #expect(page.html.contains("Reflection to look at again"))
            #expect(!page.html.contains("asked you to have another look"))
            let failed = try #require(try await app.store.failedMessages(limit: 5).first)
            let retried = try await browser.post("/outbox/\(failed.id)/retry")
            #expect(retried.location == "/outbox?notice=retried")
            #expect(try await app.store.outboxCounts() == OutboxCounts(waiting: 2))
            // A second try from a page shown before the first: nothing is left to try again.
            try await browser.get("/outbox")
            #expect(try await browser.post("/outbox/\(failed.id)/retry").status == .conflict)
            let admin = try #require(app.people[.admin])
            #expect(try await app.store.auditEntries(subjectID: trainee.id).contains { $0.action == "outbox.retry" && $0.actorID == admin.id })

            browser.extraHeaders[.authorization] = "Bearer " + String(repeating: "m", count: 24)
            let scraped = try PrometheusText(try await browser.get("/metrics").html)
            #expect(scraped.value(WebMetrics.outboxWaiting) == 2)
            #expect(scraped.value(WebMetrics.outboxFailed) == 0)
        }
        try await app.test { browser in
            try await browser.signIn("trainee@example.org")
            #expect(try await browser.get("/outbox").status == .forbidden)
        }
    }

    @Test func everyKindOfEmailIsPlainEscapedAndSaysNothingPrivate() throws {
        let words = MailWords(baseURL: "https://mentors.example/", sender: "Mentors & Co", dates: WebDates())
        let person = Person(id: "p1", name: "Jo <b>Bloggs</b>", email: "jo@example.org", roles: [.trainee], passwordHash: nil, isActive: true, createdAt: Date())
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        let all = [
            words.invite(to: person, path: "/invite/abc"),
            words.applicationReceived(to: person, path: "/invite/abc"),
            words.passwordReset(to: person, path: "/password-reset/abc"),
            words.certificateIssued(to: person, title: "Peer Mentor"),
            words.certificateExpiring(ExpiringCertificate(code: "WM-1", holder: person, title: "Peer Mentor", validUntil: when)),
            words.reflectionSentBack(to: person),
            words.supervisionOverdue(OverdueSupervisor(person: person, overdueMentors: 2), week: 1),
            words.newApplications(to: person, count: 3, day: 1),
        ]
        #expect(Set(all.map(\.kind)) == Set(OutboxKind.allCases))
        let private_ = ["conviction", "convicted", "criminal", "offence", "offender", "prison", "probation", "dbs", "disclosure", "barring", "vetting",
            "suitab", "wellbeing", "well-being", "concern", "police"]
        for mail in all {
            #expect(mail.address == "jo@example.org" && mail.personID == "p1")
            #expect(mail.plainText.contains("Hello Jo <b>Bloggs</b>,"))
            #expect(mail.html.contains("Hello Jo &lt;b&gt;Bloggs&lt;/b&gt;,"))
            #expect(!mail.html.contains("<b>"))
            #expect(mail.html.contains("From Mentors &amp; Co"))
            #expect(mail.plainText.contains("https://mentors.example/"))
            #expect(!mail.plainText.contains("https://mentors.example//"))
            let words = [mail.subject, mail.plainText, mail.html].joined(separator: " ").lowercased()
            let said = private_.filter { words.contains($0) }
            #expect(said.isEmpty, "the \(mail.kind.rawValue) email says \(said)")
        }
    }

    @Test func remindersAreWrittenOnceHoweverOftenTheyRun() async throws {
        let app = try await WebTestApp()
        try await app.addPeople()
        let store = app.store
        let supervisor = try #require(app.people[.supervisor])
        let trainee = try #require(app.people[.trainee])
        let coordinator = try #require(app.people[.coordinator])
        let now = Date()
        // The trainee, in practice, is overdue for supervision; their application came in today.
        var summary = TraineeSummary(
            traineeID: trainee.id,
            programmeID: app.programme.id,
            status: try await TraineeRecords(store: store).status(of: trainee.id, on: app.programme, at: now),
            lastSequence: 0
        )
        summary.stage = .inPractice
        summary.dates.supervisionDue = now - 86_400
        try await store.append([], summary: summary)
        try await TraineeRecords(store: store).record(.applicationSubmitted, for: trainee.id, on: app.programme, by: trainee.id, at: now - 60)
        var due = summary
        due.lastSequence = 1
        try await store.append([], summary: due)

        let reminders = OutboxReminders(store: store, words: app.web.mailWords)
        #expect(try await reminders.write(at: now) == 2)
        #expect(try await reminders.write(at: now) == 0)
        #expect(try await reminders.write(at: now + 3 * 86_400) == 0)
        let overdue = try await store.outboxEntries(personID: supervisor.id)
        #expect(overdue.map(\.kind) == [.supervisionOverdue])
        #expect(try await store.outboxEntries(personID: coordinator.id).map(\.kind) == [.newApplications])
        // A week on, still overdue: one more; no new application, no digest.
        #expect(try await reminders.write(at: now + 7 * 86_400 + 60) == 1)
    }

    @Test func issuingACertificateAndSendingAReflectionBackEachEmailTheTrainee() async throws {
        let app = try await WebTestApp(sendsEmail: true)
        try await app.addPeople()
        try await app.makeTraineeEligible()
        let trainee = try #require(app.people[.trainee])
        let prompt = try #require(app.programme.reflectionPromptIDs.first)
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            try await browser.get("/trainees/\(trainee.id)")
            #expect(try await browser.post("/trainees/\(trainee.id)/certificate", [("action", "issue")]).status == .seeOther)
            let records = TraineeRecords(store: app.store)
            try await records.record(.reflectionSubmitted(promptID: prompt, text: "I listened."), for: trainee.id, on: app.programme, by: trainee.id, at: Date())
            try await browser.get("/trainees/\(trainee.id)/reflections/\(prompt)")
            let accepted = try await browser.post("/trainees/\(trainee.id)/reflections/\(prompt)", [("outcome", "accepted"), ("feedback", "")])
            #expect(accepted.status == .seeOther)
            #expect(try await app.store.outboxEntries(personID: trainee.id).map(\.kind) == [.certificateIssued])
            try await browser.get("/trainees/\(trainee.id)/reflections/\(prompt)")
            let feedback = "Say more about how you felt, and about your own wellbeing."
            let revisit = try await browser.post("/trainees/\(trainee.id)/reflections/\(prompt)", [("outcome", "revisit"), ("feedback", feedback)])
            #expect(revisit.status == .seeOther)
        }
        let emails = try await app.store.outboxEntries(personID: trainee.id)
        #expect(emails.map(\.kind) == [.certificateIssued, .reflectionSentBack])
        let messages = try await app.store.claimOutbox(owner: "t", at: Date(), leaseUntil: Date() + 60, limit: 10)
        // The coordinator's words stay on the site: an email may be read by someone else.
        #expect(messages.allSatisfy { !$0.plainText.contains("wellbeing") && !$0.html.contains("wellbeing") })
        #expect(messages.first?.plainText.contains("http://127.0.0.1:8080/certificate") == true)
    }
}
