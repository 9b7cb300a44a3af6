import Foundation
import Hummingbird
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
        let coordinator = Access.only([.coordinator])

        add(router, .get, "/cohort", coordinator) { exchange in
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
                now: now()
            )
            return self.page("cohort", model, title: "Cohort", exchange, notice: exchange.query("notice").flatMap(Notices.text))
        }

        add(router, .get, "/trainees/:trainee", coordinator) { exchange in
            try await traineePage(exchange)
        }

        add(router, .post, "/trainees/:trainee/checks", coordinator) { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            guard let checkID = exchange.form["check"], programme.recruitment.contains(where: { $0.id == checkID }) else { throw WebError.notFound }
            let outcome = CheckOutcome(rawValue: exchange.form["outcome"] ?? "") ?? .complete
            let note = programme.recruitment.first { $0.id == checkID }?.kind == .vetting ? nil : exchange.form.trimmed("note")
            try await TraineeRecords(store: store).record(
                .checkRecorded(checkID: checkID, outcome: outcome, note: note),
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now()
            )
            return redirect("/trainees/\(person.id)?notice=recorded")
        }

        add(router, .post, "/trainees/:trainee/decision", coordinator) { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            let decision = SuitabilityDecision(rawValue: exchange.form["decision"] ?? "") ?? .notYet
            let typedRevisit = exchange.form.trimmed("revisit")
            let revisit = decision == .notYet ? WebDates.parse(typedRevisit) : nil
            // The form comes back with the decision, the date and the words as they were sent.
            func keep(_ model: inout TraineeRecordModel) {
                model.decisionNotYet = decision == .notYet
                model.rationale = exchange.form["rationale"] ?? ""
                model.revisit = typedRevisit ?? ""
            }
            guard let rationale = exchange.form.trimmed("rationale") else {
                let message = "Write why you made this decision. A rationale is required."
                return try await traineeFormError(exchange, message, field: "rationale") { model in
                    keep(&model)
                    model.rationaleError = message
                }
            }
            if decision == .notYet, typedRevisit != nil, revisit == nil {
                let message = "Enter the date to talk again, like 26/11/2026, or leave it empty."
                return try await traineeFormError(exchange, message, field: "revisit") { model in
                    keep(&model)
                    model.revisitError = message
                }
            }
            try await TraineeRecords(store: store).record(
                .suitabilityDecided(decision: decision, revisitOn: revisit),
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                reason: rationale,
                at: now()
            )
            return redirect("/trainees/\(person.id)?notice=recorded")
        }

        add(router, .post, "/trainees/:trainee/tries", coordinator) { exchange in
            let (person, programme, events) = try await traineeRecord(exchange)
            guard let assessmentID = exchange.form["assessment"], let assessment = programme.assessments[assessmentID] else {
                throw WebError.notFound
            }
            guard let reason = exchange.form.trimmed("reason") else {
                return try await traineeFormError(exchange, "Say why you are allowing another try. A reason is required.", field: "reason-\(assessmentID)")
            }
            // Only when the tries are used up: otherwise there is nothing to allow, and a repeat adds nothing.
            let extra = Progression.extraTries(at: assessmentID, in: events)
            let attempts = events.compactMap(\.datedAttempt)
            guard Progression.attemptAvailability(assessment, attempts: attempts, extraTries: extra, now: now()) == .noTriesLeft else {
                return redirect("/trainees/\(person.id)?notice=recorded")
            }
            try await TraineeRecords(store: store).record(
                .anotherTryAllowed(assessmentID: assessmentID),
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                reason: reason,
                at: now()
            )
            return redirect("/trainees/\(person.id)?notice=recorded")
        }

        add(router, .post, "/trainees/:trainee/certificate", coordinator) { exchange in
            let (person, programme, events) = try await traineeRecord(exchange)
            let action = exchange.form["action"] ?? ""
            let reason = exchange.form.trimmed("reason")
            let current = CertificateEvents.current(events)
            let records = TraineeRecords(store: store)
            let actor = try exchange.person.id
            switch action {
            case "issue":
                do {
                    if let current, programme.certificate.renewal != nil {
                        _ = try await certificates.renew(current, of: person.id, on: programme, by: actor, at: now())
                    } else {
                        _ = try await certificates.issue(to: person.id, on: programme, by: actor, at: now())
                    }
                } catch let error as StoreError {
                    return try await traineeFormError(exchange, error.description, field: "certificate-actions", status: .conflict) {
                        $0.certificateReason = exchange.form["reason"] ?? ""
                    }
                }
            default:
                guard let change = CertificateAction(rawValue: action) else { throw WebError.notFound }
                guard let code = current, let certificate = try await store.certificate(code: code) else {
                    return try await traineeFormError(exchange, "There is no certificate to change.", field: "certificate-actions", status: .conflict) {
                        $0.certificateReason = exchange.form["reason"] ?? ""
                    }
                }
                // Only a change that fits the certificate's state: anything else is refused with nothing recorded.
                guard CertificateAction.fitting(certificate.state).contains(change) else {
                    return try await traineeFormError(exchange, change.notFitting(certificate.state), field: "certificate-actions", status: .conflict) {
                        $0.certificateReason = exchange.form["reason"] ?? ""
                    }
                }
                guard let reason else {
                    let message = "Write the reason. A reason is required to \(action) a certificate."
                    return try await traineeFormError(exchange, message, field: "reason") { $0.reasonError = message }
                }
                do {
                    try await records.record(change.event(code: code), for: person.id, on: programme, by: actor, reason: reason, at: now())
                } catch let error as StoreError {
                    return try await traineeFormError(exchange, error.description, field: "certificate-actions", status: .conflict) {
                        $0.certificateReason = exchange.form["reason"] ?? ""
                    }
                }
            }
            return redirect("/trainees/\(person.id)?notice=recorded")
        }

        add(router, .get, "/reviews", coordinator) { exchange in
            var items: [ReviewListModel.Item] = []
            for programme in curriculum.current.programmes {
                var offset = 0
                while true {
                    let page = try await store.summaries(programmeID: programme.id, stage: nil, offset: offset, limit: 500)
                    for summary in page.summaries where summary.reflectionsAwaitingReview > 0 {
                        let events = try await store.eventsForProgress(traineeID: summary.traineeID, programmeID: programme.id)
                        for id in ReviewListModel.awaiting(events) {
                            items.append(
                                .init(
                                    name: summary.name,
                                    traineeID: summary.traineeID,
                                    promptID: id,
                                    prompt: ReflectionPrompts.all(programme).first { $0.id == id }?.text ?? id
                                )
                            )
                        }
                    }
                    offset += page.summaries.count
                    if page.summaries.isEmpty || offset >= page.total { break }
                }
            }
            return page("reviews", ReviewListModel(items: items), title: "Reflections to read", exchange)
        }

        add(router, .get, "/trainees/:trainee/reflections/:prompt", coordinator) { exchange in
            page("review", try await reviewModel(exchange), title: "Read a reflection", exchange)
        }

        add(router, .post, "/trainees/:trainee/reflections/:prompt", coordinator) { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            let promptID = try exchange.parameter("prompt")
            let outcome = ReviewOutcome(rawValue: exchange.form["outcome"] ?? "") ?? .accepted
            let feedback = exchange.form.trimmed("feedback") ?? ""
            if outcome == .revisit && feedback.isEmpty {
                // Back with the reflection under review, the choice made and the words typed.
                var model = try await reviewModel(exchange)
                model.revisit = true
                model.feedback = exchange.form["feedback"] ?? ""
                model.feedbackError = "Say kindly what to look at again, so they know what to change."
                return page("review", model, title: "Read a reflection", exchange, status: .badRequest)
            }
            try await TraineeRecords(store: store).record(
                .reflectionReviewed(promptID: promptID, outcome: outcome, feedback: feedback),
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now()
            )
            return redirect("/reviews")
        }

        add(router, .get, "/curriculum", coordinator) { exchange in
            page(
                "curriculum",
                CurriculumModel(curriculum.current, loadedAt: curriculum.loadedAt, diagnostics: []),
                title: "Curriculum",
                exchange,
                notice: exchange.query("notice").flatMap(Notices.text)
            )
        }

        add(router, .post, "/curriculum/reload", coordinator) { exchange in
            // Loading is slow CPU work: it runs on a thread of its own, off the event loops and
            // away from the threads that check passwords, and only one reload runs at a time.
            guard case .loaded(let report) = try await curriculum.reloads.reload(from: curriculumDirectory) else {
                let model = CurriculumModel(curriculum.current, loadedAt: curriculum.loadedAt, diagnostics: [])
                return page(
                    "curriculum",
                    model,
                    title: "Curriculum",
                    exchange,
                    status: .conflict,
                    notice: "A reload is already running. Try again in a minute."
                )
            }
            guard report.isValid else {
                let model = CurriculumModel(curriculum.current, loadedAt: curriculum.loadedAt, diagnostics: report.diagnostics.map(\.description))
                return page("curriculum", model, title: "Curriculum", exchange, status: .unprocessableContent)
            }
            curriculum.replace(with: report.curriculum, at: now())
            try await store.audit(
                AuditEntry(
                    at: now(),
                    actorID: try exchange.person.id,
                    action: "curriculum.reloaded",
                    subjectID: nil,
                    detail: report.curriculum.programmes.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
                )
            )
            return redirect("/curriculum?notice=reloaded")
        }
    }

    /// The reflection in the path as its reviewer reads it: the latest one the trainee sent.
    func reviewModel(_ exchange: Exchange) async throws -> ReviewModel {
        let (person, programme, _) = try await traineeRecord(exchange)
        let promptID = try exchange.parameter("prompt")
        let events = try await store.events(traineeID: person.id, programmeID: programme.id)
        guard
            let text = events.reversed().compactMap({ event -> String? in
                if case .reflectionSubmitted(let id, let text) = event.kind, id == promptID { return text }
                return nil
            }).first
        else { throw WebError.notFound }
        let prompt = ReflectionPrompts.all(programme).first { $0.id == promptID }?.text ?? promptID
        return ReviewModel(traineeID: person.id, name: person.name, promptID: promptID, prompt: prompt, text: text)
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
            now: now()
        )
        if let code = CertificateEvents.current(events), let certificate = try await store.certificate(code: code) {
            model.certificateState(certificate.state)
        }
        adjust(&model)
        let notice = status == .ok ? exchange.query("notice").flatMap(Notices.text) : nil
        return page("trainee", model, title: person.name, exchange, status: status, notice: notice)
    }

    /// The trainee's page again with a problem at the top, linked to the field `field` it is about.
    func traineeFormError(
        _ exchange: Exchange,
        _ message: String,
        field: String,
        status: HTTPResponse.Status = .badRequest,
        _ adjust: (inout TraineeRecordModel) -> Void = { _ in }
    ) async throws -> Response {
        try await traineePage(exchange, status: status) { model in
            model.problem = message
            model.problemField = field
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
