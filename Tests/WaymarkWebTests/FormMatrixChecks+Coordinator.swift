import Foundation
import Testing
import WaymarkStore
import WaymarkTestSupport

@testable import WaymarkWeb

/// The matrix's rows for the forms of coordinators and supervisors, and for certificates and CPD.
extension FormMatrixChecks {
    static func theCoordinatorAndSupervisorFormsComeBackWithTheProblemAndKeepTheRest(_ backend: Backend) async throws {
        let app = try await traineeInTraining(on: backend)
        let traineeID = try #require(app.people[.trainee]?.id)
        let trainee = "/trainees/\(traineeID)"
        try await app.test { browser in
            try await browser.signIn("coordinator@example.org")
            let workingNote = "Waiting for the update service"
            let checkNote = "Second reference to come"
            let rationale = "Wants to finish a college course first."
            let reason = "Had a hard week and wants one more go."
            let feedback = "Say a little more about why."
            let forms = [
                MatrixForm(
                    name: "DBS record",
                    route: "/trainees/:trainee/vetting",
                    page: "\(trainee)/vetting",
                    action: "\(trainee)/vetting",
                    valid: [("level", "enhanced"), ("number", "001234567890"), ("issued", lastMonth), ("decision", "suitable")],
                    wrong: [
                        WrongField("level", nil, "Choose the level of the check."), WrongField("level", "top", "Choose the level of the check."),
                        WrongField("number", nil, "Enter the 12-digit"), WrongField("number", "1234", "Enter the 12-digit"),
                        WrongField("issued", nil, "Enter the date on the certificate."),
                        WrongField("issued", "2026-02-31", "Enter the date on the certificate."),
                        WrongField("issued", nextWeek, "The issue date cannot be in the future."),
                        WrongField("decision", nil, "Choose the decision"), WrongField("decision", "maybe", "Choose the decision"),
                    ]
                ),
                MatrixForm(
                    name: "DBS working note",
                    route: "/trainees/:trainee/vetting/notes",
                    page: "\(trainee)/vetting",
                    action: "\(trainee)/vetting/notes",
                    valid: [("note", workingNote)],
                    wrong: [WrongField("note", nil, "Write the note first."), WrongField("note", "   ", "Write the note first.")]
                        + WrongField.freeText("note", limit: 2_000, around: workingNote)
                ),
                MatrixForm(
                    name: "recruitment check",
                    route: "/trainees/:trainee/checks",
                    page: trainee,
                    action: "\(trainee)/checks",
                    valid: [("check", "references"), ("outcome", "needs-follow-up"), ("note", checkNote)],
                    wrong: [
                        WrongField("check", nil, "Choose the check"), WrongField("check", "no-such-check", "Choose the check"),
                        WrongField("outcome", nil, "Choose the outcome"), WrongField("outcome", "maybe", "Choose the outcome"),
                    ] + WrongField.freeText("note", limit: 2_000, around: checkNote)
                ),
                MatrixForm(
                    name: "suitability decision",
                    route: "/trainees/:trainee/decision",
                    page: trainee,
                    action: "\(trainee)/decision",
                    valid: [("decision", "not-yet"), ("rationale", rationale), ("revisit", nextWeek)],
                    wrong: [
                        WrongField("decision", nil, "Choose the decision"), WrongField("decision", "maybe", "Choose the decision"),
                        WrongField("rationale", nil, "Write why you made this decision."),
                        WrongField("revisit", "2027-02-31", "Enter the date to talk again"),
                    ] + WrongField.freeText("rationale", limit: 2_000, around: rationale)
                ),
                MatrixForm(
                    name: "another try",
                    route: "/trainees/:trainee/tries",
                    page: trainee,
                    action: "\(trainee)/tries",
                    valid: [("assessment", "boundaries-check"), ("reason", reason)],
                    wrong: [WrongField("reason", id: "reason-boundaries-check", nil, "Say why you are allowing another try.")]
                        + WrongField.freeText("reason", id: "reason-boundaries-check", limit: 2_000, around: reason)
                ),
                MatrixForm(
                    name: "review",
                    route: "/trainees/:trainee/reflections/:prompt",
                    page: "\(trainee)/reflections/why-mentor",
                    action: "\(trainee)/reflections/why-mentor",
                    valid: [("outcome", "revisit"), ("feedback", feedback)],
                    wrong: [
                        WrongField("outcome", nil, "Choose whether to accept it"), WrongField("outcome", "maybe", "Choose whether to accept it"),
                        WrongField("feedback", nil, "Say kindly what to look at again"),
                    ] + WrongField.freeText("feedback", limit: 2_000, around: feedback),
                    alsoShown: [Answers.reflection]
                ),
            ]
            for form in forms { try await FormMatrix.send(form, browser, app) }
            try await browser.post("/logout")

            try await browser.signIn("supervisor@example.org")
            try await FormMatrix.send(
                MatrixForm(
                    name: "supervision",
                    route: "/mentors/:trainee/supervision",
                    page: "/mentors",
                    action: "/mentors/\(traineeID)/supervision",
                    valid: [("date", today), ("minutes", "45"), ("wellbeing", "some-concerns")],
                    wrong: [
                        WrongField("date", id: "date-\(traineeID)", nil, "Enter the date of the session"),
                        WrongField("date", id: "date-\(traineeID)", "2026-02-31", "Enter the date of the session"),
                        WrongField("date", id: "date-\(traineeID)", nextWeek, "The session's date cannot be in the future."),
                        WrongField("minutes", id: "minutes-\(traineeID)", nil, "Enter how long it was"),
                        WrongField("minutes", id: "minutes-\(traineeID)", "3", "Enter how long it was"),
                        WrongField("wellbeing", id: "wellbeing-\(traineeID)", nil, "Choose how they are doing."),
                        WrongField("wellbeing", id: "wellbeing-\(traineeID)", "great", "Choose how they are doing."),
                    ]
                ),
                browser,
                app
            )
        }
    }

    static func theCertificateAndCPDFormsComeBackWithTheProblemAndKeepTheRest(_ backend: Backend) async throws {
        let app = try await WebTestApp(backend: backend)
        try await app.addPeople(traineeName: "Jo Holder")
        try await app.makeTraineeEligible()
        let traineeID = try #require(app.people[.trainee]?.id)
        try await app.test { browser in
            _ = try await app.issueCertificateAsCoordinator(browser)
            try await browser.signIn("coordinator@example.org")
            let reason = "A concern is being looked into."
            try await FormMatrix.send(
                MatrixForm(
                    name: "certificate",
                    route: "/trainees/:trainee/certificate",
                    page: "/trainees/\(traineeID)",
                    action: "/trainees/\(traineeID)/certificate",
                    valid: [("action", "suspend"), ("reason", reason)],
                    wrong: [
                        WrongField("reason", nil, "Write the reason."),
                        WrongField("action", id: "certificate-actions", nil, "Choose what to do with the certificate", tied: false),
                        WrongField("action", id: "certificate-actions", "explode", "Choose what to do with the certificate", tied: false),
                    ] + WrongField.freeText("reason", limit: 2_000, around: reason)
                ),
                browser,
                app
            )
            try await browser.post("/logout")

            try await browser.signIn("trainee@example.org")
            let activity = "First aid course"
            try await FormMatrix.send(
                MatrixForm(
                    name: "CPD",
                    route: "/cpd",
                    page: "/cpd",
                    action: "/cpd",
                    valid: [("date", today), ("hours", "1.5"), ("activity", activity)],
                    wrong: [
                        WrongField("date", nil, "Enter the date"), WrongField("date", nextWeek, "The date cannot be in the future."),
                        WrongField("hours", nil, "Enter the hours"), WrongField("hours", "lots", "Enter the hours"),
                        WrongField("activity", nil, "Say what you did"),
                    ] + WrongField.freeText("activity", limit: 300, around: activity)
                ),
                browser,
                app
            )
        }
    }
}
