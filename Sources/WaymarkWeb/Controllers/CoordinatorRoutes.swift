import Foundation
import Hummingbird
import WaymarkActions
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

extension Web {
    static var cohortPageSize: Int { 50 }
    /// Far beyond any cohort (five million trainees), and small enough that working out where a
    /// page starts can never overflow.
    static var cohortPageLimit: Int { 100_000 }

    /// The page asked for: the first when none is given; a page number that is not a number from
    /// 1 to the limit gets a kind page instead of a guess.
    static func cohortPageNumber(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 1 }
        guard let number = RequestNumbers.whole(text, in: 1...cohortPageLimit) else { throw WebError.unusableNumber }
        return number
    }

    func addCoordinatorRoutes(to router: Router<WebContext>) {
        let coordinator = group(router, .only([.coordinator]))

        coordinator.get("/cohort") { exchange in
            let programmes = curriculum.current.programmes
            let programmeID = exchange.query("programme").flatMap { id in programmes.first { $0.id == id }?.id } ?? programmes.first?.id ?? ""
            let stage = exchange.query("stage").flatMap(Stage.init(rawValue:))
            let pageNumber = try Self.cohortPageNumber(exchange.query("page"))
            let page = try await store.summaries(
                programmeID: programmeID,
                stage: stage,
                offset: (pageNumber - 1) * Self.cohortPageSize,
                limit: Self.cohortPageSize
            )
            let model = CohortModel(
                page: page,
                programmes: programmes,
                programmeID: programmeID,
                stage: stage,
                pageNumber: pageNumber,
                pageSize: Self.cohortPageSize,
                now: now(),
                dates: dates
            )
            return self.page("cohort", model, title: "Cohort", exchange, notice: exchange.query("notice").flatMap(Notices.text))
        }

        coordinator.get("/trainees/:trainee") { exchange in
            try await traineePage(exchange)
        }

        // Each form's action ends in its section's #fragment, so a problem comes back at the form.
        // A redirect without a fragment would keep that one, and the notice at the top would be
        // out of sight: so a saved form goes to #main, where the notice is.
        coordinator.post("/trainees/:trainee/checks") { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            let sentCheck = exchange.form["check"] ?? ""
            let check = programme.recruitment.first { $0.id == sentCheck }
            // Never an outcome that was not chosen: a missing or unknown one is asked about.
            let outcome = exchange.form["outcome"].flatMap(CheckOutcome.init(rawValue:))
            var problems: [(field: String, text: String)] = []
            if check == nil { problems.append(("check", "Choose the check you are recording from the list.")) }
            if outcome == nil { problems.append(("outcome", "Choose the outcome: complete, or needs a follow-up.")) }
            var note: String?
            switch FreeText.reason.check(exchange.form["note"]) {
            case .problem(let problem): problems.append(("note", problem))
            case .text(let text): note = text.isEmpty ? nil : text
            }
            guard let check, let outcome, problems.isEmpty else {
                return try await traineeFormError(exchange, problems) { model in
                    for index in model.checks.indices { model.checks[index].selected = model.checks[index].value == sentCheck }
                    model.outcomeComplete = outcome == .complete
                    model.outcomeFollowUp = outcome == .needsFollowUp
                    model.checkNote = exchange.form["note"] ?? ""
                    for problem in problems {
                        switch problem.field {
                        case "check": model.checkError = problem.text
                        case "outcome": model.outcomeError = problem.text
                        default: model.noteError = problem.text
                        }
                    }
                }
            }
            try await Recruitment(store: store).recordCheck(
                check.id,
                outcome: outcome,
                // A vetting check event never carries a note: the DBS record keeps only its few facts.
                note: check.kind == .vetting ? nil : note,
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now()
            )
            return redirect("/trainees/\(person.id)?notice=recorded#main")
        }

        coordinator.post("/trainees/:trainee/decision") { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            // Never a decision that was not chosen: a missing or unknown one is asked about.
            let decision = exchange.form["decision"].flatMap(SuitabilityDecision.init(rawValue:))
            let typedRevisit = exchange.form.trimmed("revisit")
            let revisit = decision == .notYet ? dates.parse(typedRevisit) : nil
            var problems: [(field: String, text: String)] = []
            if decision == nil { problems.append(("decision", "Choose the decision: suitable to start training, or not yet.")) }
            var rationale = ""
            switch FreeText.longText.check(exchange.form["rationale"], required: "Write why you made this decision. A rationale is required.") {
            case .problem(let problem): problems.append(("rationale", problem))
            case .text(let text): rationale = text
            }
            if decision == .notYet, typedRevisit != nil, revisit == nil {
                problems.append(("revisit", "Enter the date to talk again, like 26/11/2026, or leave it empty."))
            }
            guard let decision, problems.isEmpty else {
                // The form comes back with the decision, the date and the words as they were sent.
                return try await traineeFormError(exchange, problems) { model in
                    model.decisionSuitable = decision == .suitable
                    model.decisionNotYet = decision == .notYet
                    model.rationale = exchange.form["rationale"] ?? ""
                    model.revisit = typedRevisit ?? ""
                    for problem in problems {
                        switch problem.field {
                        case "decision": model.decisionError = problem.text
                        case "rationale": model.rationaleError = problem.text
                        default: model.revisitError = problem.text
                        }
                    }
                }
            }
            try await Recruitment(store: store).decide(
                decision,
                revisitOn: revisit,
                rationale: rationale,
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now()
            )
            return redirect("/trainees/\(person.id)?notice=recorded#main")
        }

        coordinator.post("/trainees/:trainee/tries") { exchange in
            let (person, programme, events) = try await traineeRecord(exchange)
            guard let assessmentID = exchange.form["assessment"], let assessment = programme.assessments[assessmentID] else {
                throw WebError.notFound
            }
            var problem: String?
            var reason = ""
            switch FreeText.reason.check(exchange.form["reason"], required: "Say why you are allowing another try. A reason is required.") {
            case .problem(let found): problem = found
            case .text(let text): reason = text
            }
            if let problem {
                return try await traineeFormError(exchange, [("reason-\(assessmentID)", problem)]) { model in
                    guard let index = model.triesUsedUp.firstIndex(where: { $0.value == assessmentID }) else { return }
                    model.triesUsedUp[index].tryReason = exchange.form["reason"] ?? ""
                    model.triesUsedUp[index].tryReasonError = problem
                }
            }
            // Only when the tries are used up: otherwise there is nothing to allow, and a repeat adds nothing.
            let extra = Progression.extraTries(at: assessmentID, in: events)
            let attempts = events.compactMap(\.datedAttempt)
            guard Progression.attemptAvailability(assessment, attempts: attempts, extraTries: extra, now: now()) == .noTriesLeft else {
                return redirect("/trainees/\(person.id)?notice=tries-left#main")
            }
            try await Training(store: store).allowAnotherTry(
                at: assessmentID,
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                reason: reason,
                at: now()
            )
            return redirect("/trainees/\(person.id)?notice=recorded#main")
        }

        coordinator.post("/trainees/:trainee/certificate") { exchange in
            let (person, programme, events) = try await traineeRecord(exchange)
            let action = exchange.form["action"] ?? ""
            let current = CertificateEvents.current(events)
            let actor = try exchange.person.id
            // Refused with nothing recorded; the reason typed stays in its field.
            func refused(_ message: String, status: HTTPResponse.Status = .conflict) async throws -> Response {
                try await traineeFormError(exchange, [("certificate-actions", message)], status: status) {
                    $0.certificateReason = exchange.form["reason"] ?? ""
                    $0.certificateError = message
                }
            }
            switch action {
            case "issue":
                do {
                    if let current, programme.certificate.renewal != nil {
                        _ = try await certificates.renew(current, of: person.id, on: programme, by: actor, at: now())
                    } else {
                        _ = try await certificates.issue(
                            to: person.id,
                            on: programme,
                            by: actor,
                            at: now(),
                            mail: [mailWords.certificateIssued(to: person, title: programme.certificate.title)]
                        )
                    }
                } catch let error as StoreError {
                    return try await refused(error.description)
                }
            default:
                guard let change = CertificateAction(rawValue: action) else {
                    return try await refused("Choose what to do with the certificate with one of its buttons.", status: .badRequest)
                }
                guard let code = current, let certificate = try await store.certificate(code: code) else {
                    return try await refused("There is no certificate to change.")
                }
                // Only a change that fits the certificate's state: anything else is refused with nothing recorded.
                guard CertificateAction.fitting(certificate.state).contains(change) else {
                    return try await refused(change.notFitting(certificate.state))
                }
                var problem: String?
                var reason = ""
                switch FreeText.reason.check(exchange.form["reason"], required: "Write the reason. A reason is required to \(action) a certificate.") {
                case .problem(let found): problem = found
                case .text(let text): reason = text
                }
                if let problem {
                    return try await traineeFormError(exchange, [("reason", problem)]) {
                        $0.certificateReason = exchange.form["reason"] ?? ""
                        $0.reasonError = problem
                    }
                }
                do {
                    try await certificates.change(change.event(code: code), of: person.id, on: programme, by: actor, reason: reason, at: now())
                } catch let error as StoreError {
                    return try await refused(error.description)
                }
            }
            return redirect("/trainees/\(person.id)?notice=recorded#main")
        }
    }

    /// The trainee named in the path, their programme and record.
    func traineeRecord(_ exchange: Exchange) async throws -> (Person, Programme, [TraineeEvent]) {
        guard let person = try await store.person(id: try exchange.parameter("trainee")), person.roles.contains(.trainee) else {
            throw WebError.notFound
        }
        for enrolment in try await store.enrolments(traineeID: person.id) {
            if let programme = curriculum.current.programme(enrolment.programmeID) {
                return (person, programme, try await store.eventsForProgress(traineeID: person.id, programmeID: programme.id))
            }
        }
        throw WebError.notFound
    }

    /// The coordinator's page for the trainee in the path; `adjust` fills in a form sent back.
    func traineePage(
        _ exchange: Exchange,
        status: HTTPResponse.Status = .ok,
        _ adjust: (inout TraineeRecordModel) -> Void = { _ in }
    ) async throws -> Response {
        let (person, programme, events) = try await traineeRecord(exchange)
        var names: [String: String] = [:]
        for id in Set(events.map(\.actorID)) { names[id] = try await store.person(id: id)?.name }
        var model = TraineeRecordModel(
            person: person,
            programme: programme,
            events: events,
            status: Progression.evaluate(programme, events, now: now()),
            names: names,
            now: now(),
            dates: dates
        )
        if let code = CertificateEvents.current(events), let certificate = try await store.certificate(code: code) {
            model.certificateState(certificate.state)
        }
        model.application = try await store.application(traineeID: person.id).map { ApplicationItem($0, dates: dates) }
        adjust(&model)
        let notice = status == .ok ? exchange.query("notice").flatMap(Notices.text) : nil
        return page("trainee", model, title: person.name, exchange, status: status, notice: notice)
    }

    /// The trainee's page again with each problem at the top, linked to the field it is about.
    func traineeFormError(
        _ exchange: Exchange,
        _ problems: [(field: String, text: String)],
        status: HTTPResponse.Status = .badRequest,
        _ adjust: (inout TraineeRecordModel) -> Void = { _ in }
    ) async throws -> Response {
        try await traineePage(exchange, status: status) { model in
            for problem in problems { model.show(problem.text, linkedTo: problem.field) }
            adjust(&model)
        }
    }

}

/// The certificate a trainee holds now, from their events.
enum CertificateEvents {
    static func current(_ events: [TraineeEvent]) -> String? {
        var code: String?
        for event in events {
            switch event.kind {
            case .certificateIssued(let issued, _), .certificateRenewed(_, let issued, _): code = issued
            default: break
            }
        }
        return code
    }
}
