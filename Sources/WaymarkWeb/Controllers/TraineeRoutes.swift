import Foundation
import Hummingbird
import WaymarkActions
import WaymarkCertificates
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// The programme a trainee is on (their first enrolment) and where they stand.
struct TraineeView {
    var person: Person
    var programme: Programme
    var events: [TraineeEvent]
    var status: TraineeStatus
    /// What the rules let the trainee do now, from the same evaluation as `status`.
    var access: TraineeAccess
    /// What pages work out from the same curriculum as `programme`.
    var derived: CurriculumCache
    /// How its pages write dates, in the organisation's time zone.
    var dates: WebDates

    /// Whether any try at the module's check has passed.
    func hasPassed(_ moduleID: String) -> Bool {
        events.contains { event in
            guard case .assessmentAttempted(let record) = event.kind else { return false }
            return record.moduleID == moduleID && record.passed
        }
    }
}

extension Web {
    func traineeView(_ exchange: Exchange) async throws -> TraineeView? {
        let person = try exchange.person
        let (current, derived) = curriculum.snapshot
        // One read for the enrolments and their events: a page is two trips to the store, not three.
        for (enrolment, events) in try await store.traineeRecords(traineeID: person.id, answers: false) {
            guard let programme = current.programme(enrolment.programmeID) else { continue }
            let (status, access) = derived.evaluateWithAccess(programme, events, now: now())
            return TraineeView(person: person, programme: programme, events: events, status: status, access: access, derived: derived, dates: dates)
        }
        return nil
    }

    func notEnrolled(_ exchange: Exchange) -> Response {
        page(
            "message",
            MessageModel(
                heading: "You are not on a programme yet",
                text: "Your coordinator will add you to a programme. When they have, your first step will be here."
            ),
            title: "Not on a programme yet",
            exchange
        )
    }

    func addTraineeRoutes(to router: Router<WebContext>) {
        let trainee = group(router, .only([.trainee]))

        trainee.get("/dashboard") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            return page(
                "dashboard",
                DashboardModel(view, now: now()),
                title: "My next step",
                exchange,
                notice: exchange.query("notice").flatMap(Notices.text)
            )
        }

        trainee.get("/application") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            let sent = view.events.contains { $0.kind == .applicationSubmitted }
            return page("application", ApplicationModel(programme: view.programme.title, sent: sent), title: "Your application", exchange)
        }

        trainee.post("/application") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            var model = ApplicationModel(programme: view.programme.title, sent: false)
            model.note = exchange.form["note"] ?? ""
            switch FreeText.longText.check(model.note) {
            case .problem(let problem):
                model.noteError = problem
                return page("application", model, title: "Your application", exchange, status: .badRequest)
            case .text(let note):
                if !view.events.contains(where: { $0.kind == .applicationSubmitted }) {
                    try await Recruitment(store: store).apply(view.person.id, on: view.programme, note: note.isEmpty ? nil : note, at: now())
                }
            }
            return redirect("/dashboard?notice=applied")
        }

        addProgressRoute(router, .get, "/modules/:module", action: Self.readUnit) { exchange, view in
            let module = try module(exchange, in: view)
            guard let unit = view.programme.unit(for: module) else { throw WebError.notFound }
            let html = view.derived.unit(unit, programmeID: view.programme.id)
            return page("unit", UnitModel(unit: unit, html: html, module: module, status: view.status), title: unit.title, exchange)
        }

        addProgressRoute(router, .post, "/modules/:module/read", action: Self.readUnit) { exchange, view in
            let module = try module(exchange, in: view)
            if !view.events.contains(where: { $0.kind == .unitRead(moduleID: module.id) }) {
                try await Training(store: store).readUnit(module.id, by: view.person.id, on: view.programme, history: view.events, at: now())
            }
            return redirect(module.assessmentID != nil ? "/modules/\(module.id)/check" : "/dashboard?notice=read")
        }

        addProgressRoute(router, .get, "/modules/:module/check", action: Self.openCheck) { exchange, view in
            let module = try module(exchange, in: view)
            guard let assessment = view.programme.assessment(for: module) else { throw WebError.notFound }
            return page("assessment", checkPage(assessment, module, view), title: assessment.title, exchange)
        }

        addProgressRoute(router, .post, "/modules/:module/check", action: Self.sendCheck) { exchange, view in
            let module = try module(exchange, in: view)
            guard let assessment = view.programme.assessment(for: module) else { throw WebError.notFound }
            let record: AttemptRecord
            switch SentCheck.read(exchange.form, assessment: assessment, module: module, page: checkPage(assessment, module, view), history: view.events) {
            case .again(let model, let status): return page("assessment", model, title: assessment.title, exchange, status: status)
            case .scored(let scored): record = scored
            }
            // Reflections written in the check go to a coordinator too: no need to write them twice.
            try await Training(store: store).sendCheck(record, at: assessment, history: view.events, by: view.person.id, on: view.programme, at: now())
            return redirect("/modules/\(module.id)/result")
        }

        // The record is read without answers: only the latest try's are shown, and reading every
        // earlier try's answers cost the page more than everything else it does together.
        addProgressRoute(router, .get, "/modules/:module/result", action: Self.openCheck) { exchange, view in
            let module = try module(exchange, in: view)
            guard let assessment = view.programme.assessment(for: module) else { throw WebError.notFound }
            let tries = view.events.filter { $0.datedAttempt?.record.assessmentID == assessment.id }
            let attempts = tries.compactMap(\.datedAttempt)
            guard let lastTry = tries.last, var latest = lastTry.datedAttempt else { return redirect("/modules/\(module.id)/check") }
            latest.record.answers =
                try await store.answers(traineeID: view.person.id, programmeID: view.programme.id, sequence: lastTry.sequence) ?? [:]
            let availability = view.access.attemptAvailability(moduleID: module.id) ?? .available
            return page(
                "result",
                ResultModel(
                    assessment: assessment,
                    module: module,
                    attempt: latest,
                    best: attempts.map(\.record.percent).max() ?? 0,
                    availability: availability,
                    media: "/media/\(view.programme.id)/",
                    dates: dates
                ),
                title: "Your result",
                exchange
            )
        }

        trainee.get("/reflections") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            var drafts: Set<String> = []
            for prompt in ReflectionPrompts.all(view.programme)
            where try await store.draft(traineeID: view.person.id, programmeID: view.programme.id, promptID: prompt.id) != nil {
                drafts.insert(prompt.id)
            }
            return page(
                "reflections",
                ReflectionListModel(view, drafts: drafts),
                title: "Reflections",
                exchange,
                notice: exchange.query("notice").flatMap(Notices.text)
            )
        }

        addProgressRoute(router, .get, "/reflections/:prompt", action: Self.writeReflection) { exchange, view in
            let prompt = try reflectionPrompt(exchange, in: view)
            let draft = try await store.draft(traineeID: view.person.id, programmeID: view.programme.id, promptID: prompt.id)
            return page("reflection", ReflectionModel(prompt: prompt, view: view, text: draft), title: "Write a reflection", exchange)
        }

        addProgressRoute(router, .post, "/reflections/:prompt", action: Self.writeReflection) { exchange, view in
            let prompt = try reflectionPrompt(exchange, in: view)
            let typed = exchange.form["text"] ?? ""
            var model = ReflectionModel(prompt: prompt, view: view, text: typed)
            // Sent without a button (Enter pressed) is the form's first button: send it.
            let action = exchange.form["action"] ?? "submit"
            guard action == "save" || action == "submit" else {
                model.textError = "Choose whether to send your reflection or save it for later. Nothing was saved yet."
                return page("reflection", model, title: "Write a reflection", exchange, status: .badRequest)
            }
            // A draft is kept by the same rule as a reflection sent: nothing hidden, nothing too long.
            let text: String
            switch FreeText.reflection.check(typed) {
            case .problem(let problem):
                model.textError = problem
                return page("reflection", model, title: "Write a reflection", exchange, status: .badRequest)
            case .text(let checked): text = checked
            }
            if action == "save" {
                try await store.saveDraft(traineeID: view.person.id, programmeID: view.programme.id, promptID: prompt.id, text: text, at: now())
                return redirect("/reflections?notice=draft")
            }
            let words = text.split(whereSeparator: \.isWhitespace).count
            if text.isEmpty {
                model.textError = "Write your reflection before you send it. You can also save it and come back later."
            } else if let minimum = prompt.minimumWords, words < minimum {
                model.textError = "Please write at least \(minimum) words. You have \(words) so far."
            }
            guard model.textError == nil else { return page("reflection", model, title: "Write a reflection", exchange, status: .badRequest) }
            try await Reflections(store: store).send(text, on: prompt.id, by: view.person.id, on: view.programme, at: now())
            return redirect("/reflections?notice=sent")
        }

        trainee.get("/practice") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            return page(
                "practice",
                PracticeModel(view, date: dates.input(now())),
                title: "Practice log",
                exchange,
                notice: exchange.query("notice").flatMap(Notices.text)
            )
        }

        addProgressRoute(router, .post, "/practice", action: { _ in .logPractice }) { exchange, view in
            var model = PracticeModel(view, date: exchange.form["date"] ?? "")
            model.hours = exchange.form["hours"] ?? ""
            model.setting = exchange.form["setting"] ?? ""
            var setting = ""
            switch FreeText.shortText.check(model.setting, required: "Say where it happened, like \"drop-in centre\". Do not name your mentee.") {
            case .problem(let problem): model.settingError = problem
            case .text(let checked): setting = checked
            }
            let date = dates.parse(exchange.form["date"])
            let hours = RequestNumbers.decimal(model.hours, in: 0.25...24)
            if date == nil {
                model.dateError = "Enter the date, like 26/11/2026."
            } else if let date, date > now().addingTimeInterval(86_400) {
                model.dateError = "The date cannot be in the future."
            }
            if hours == nil { model.hoursError = "Enter the hours as a number from 0.25 to 24, like 1.5." }
            guard model.dateError == nil, model.hoursError == nil, model.settingError == nil, let date, let hours else {
                return page("practice", model, title: "Practice log", exchange, status: .badRequest)
            }
            let entryID = String(Tokens.random().prefix(12))
            try await Practice(store: store).log(entryID, on: date, hours: hours, setting: setting, by: view.person.id, on: view.programme, at: now())
            return redirect("/practice?notice=logged")
        }

        trainee.get("/certificate") { exchange in
            guard let view = try await traineeView(exchange) else { return notEnrolled(exchange) }
            var status: CertificateStatus?
            var badge: BadgeContent?
            if let code = CertificateEvents.current(view.events), let certificate = try await store.certificate(code: code) {
                status = certificate.status(at: now())
                badge = Self.badgeContent(certificate, issuer: certificates.issuer, dates: dates)
            }
            let model = CertificateModel(view, status: status, issuer: certificates.issuer, badge: badge)
            return page("certificate", model, title: "My certificate", exchange)
        }

        addBadgeRoutes(to: router)
    }

    private static func readUnit(_ exchange: Exchange) throws -> ProgressAction { .readUnit(moduleID: try exchange.parameter("module")) }
    private static func openCheck(_ exchange: Exchange) throws -> ProgressAction { .openCheck(moduleID: try exchange.parameter("module")) }
    private static func sendCheck(_ exchange: Exchange) throws -> ProgressAction { .sendCheck(moduleID: try exchange.parameter("module")) }
    private static func writeReflection(_ exchange: Exchange) throws -> ProgressAction {
        .writeReflection(promptID: try exchange.parameter("prompt"))
    }

    /// A module's check as the trainee sees it now: its tries, its cool-down, a pass already made.
    private func checkPage(_ assessment: Assessment, _ module: Module, _ view: TraineeView) -> AssessmentModel {
        AssessmentModel(
            assessment: assessment,
            module: module,
            availability: view.access.attemptAvailability(moduleID: module.id) ?? .available,
            media: "/media/\(view.programme.id)/",
            dates: dates,
            passedAlready: view.hasPassed(module.id)
        )
    }

    private func module(_ exchange: Exchange, in view: TraineeView) throws -> Module {
        guard let module = view.programme.module(try exchange.parameter("module")) else { throw WebError.notFound }
        return module
    }

    private func reflectionPrompt(_ exchange: Exchange, in view: TraineeView) throws -> ReflectionPrompts.Prompt {
        let id = try exchange.parameter("prompt")
        guard let prompt = ReflectionPrompts.all(view.programme).first(where: { $0.id == id }) else { throw WebError.notFound }
        return prompt
    }
}

/// Short messages shown after a form, chosen by a code in the address (never free text).
enum Notices {
    static func text(_ code: String) -> String? {
        switch code {
        case "read": "Well done. That unit is marked as read."
        case "applied": "Thank you. Your application is in. A coordinator will be in touch about the next steps."
        case "draft": "Your draft is saved. Come back to it whenever you like."
        case "sent": "Thank you. Your reflection is sent, and a coordinator will read it."
        case "logged": "Your hours are logged. Your supervisor will countersign them."
        case "recorded": "Saved."
        case "tries-left": "Nothing was changed: they still have tries left at that check, so there is no extra try to allow yet."
        case "reloaded": "The new curriculum is stored as a new version and in use here. The other servers take it within a few seconds."
        case "same-files": "Nothing changed: the folder holds the same files as the version in use."
        case "older-files":
            "Nothing changed: the folder holds the same files as an older version, and the newer one stays in use. Put the new files in the folder first."
        case "date": "Nothing was saved: enter the date of the session, like 26/11/2026. It cannot be in the future."
        case "signed-out": "They are signed out everywhere. They can sign in again with their password."
        case "erased":
            "Their personal data is erased: their name, email address and everything written about them are gone, and they are signed out. "
                + "Their records keep their shape, and the audit log says who erased them and when."
        case "minutes": "Nothing was saved: enter how long the session was, in minutes, from 5 to 600."
        case "password-reset": "Your new password is saved, and you are signed out everywhere. Sign in with it now."
        case "retried": "That email will be tried again in the next few minutes."
        default: nil
        }
    }
}
