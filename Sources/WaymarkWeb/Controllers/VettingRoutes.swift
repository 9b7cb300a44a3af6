import Foundation
import Hummingbird
import WaymarkActions
import WaymarkProgress
import WaymarkStore

extension Web {
    /// The DBS record: coordinators only, and every view of it is written in the audit log.
    func addVettingRoutes(to router: Router<WebContext>) {
        let coordinator = group(router, .only([.coordinator]))

        coordinator.get("/trainees/:trainee/vetting") { exchange in
            let (person, _, _) = try await traineeRecord(exchange)
            let model = try await vettingModel(person, viewer: try exchange.person, form: nil, noteError: nil)
            return page("vetting", model, title: "DBS record", exchange, notice: exchange.query("notice").flatMap(Notices.text))
        }

        coordinator.post("/trainees/:trainee/vetting") { exchange in
            let (person, programme, _) = try await traineeRecord(exchange)
            let viewer = try exchange.person
            let form = VettingForm(exchange.form, now: now(), dates: dates)
            guard form.isValid, let level = form.level, let issued = form.issueDate, let decision = form.decision else {
                let model = try await vettingModel(person, viewer: viewer, form: form, noteError: nil)
                return page("vetting", model, title: "DBS record", exchange, status: .badRequest)
            }
            // The DBS record is the vetting check: recording it completes that step, so the
            // coordinator does not record the same check a second time on another form.
            try await Recruitment(store: store).recordVetting(
                VettingRecord(
                    traineeID: person.id,
                    level: level,
                    certificateNumber: form.number,
                    issueDate: issued,
                    decision: decision,
                    decidedBy: viewer.id,
                    decidedAt: now()
                ),
                on: programme,
                by: viewer.id,
                at: now()
            )
            return redirect("/trainees/\(person.id)/vetting?notice=recorded#main")
        }

        coordinator.post("/trainees/:trainee/vetting/notes") { exchange in
            let (person, _, _) = try await traineeRecord(exchange)
            let viewer = try exchange.person
            let typed = exchange.form["note"] ?? ""
            var problem: String?
            var text = ""
            switch FreeText.reason.check(typed, required: "Write the note first.") {
            case .problem(let found): problem = found
            case .text(let checked): text = checked
            }
            if let problem {
                var model = try await vettingModel(person, viewer: viewer, form: nil, noteError: problem)
                model.note = typed
                return page("vetting", model, title: "DBS record", exchange, status: .badRequest)
            }
            try await store.addVettingNote(traineeID: person.id, text: text, by: viewer.id, at: now())
            return redirect("/trainees/\(person.id)/vetting?notice=recorded#main")
        }
    }

    /// The page's model. Reading the record and the notes writes the audit entries.
    private func vettingModel(_ person: Person, viewer: Person, form: VettingForm?, noteError: String?) async throws -> VettingModel {
        let record = try await store.vettingRecord(traineeID: person.id, viewedBy: viewer.id, at: now())
        let notes = try await store.vettingNotes(traineeID: person.id, viewedBy: viewer.id, at: now())
        var names: [String: String] = [:]
        func name(_ id: String) async throws -> String {
            if let known = names[id] { return known }
            let found = try await store.person(id: id)?.name ?? "someone no longer here"
            names[id] = found
            return found
        }
        var viewings: [VettingModel.ViewingLine] = []
        // A copy of everything held about them shows the DBS record too, so it is a look at it.
        let looks = try await store.auditEntries(subjectID: person.id).filter {
            $0.action.hasPrefix("vetting.") || $0.action == PersonalDataReader<Store>.exportedAction
        }
        for entry in looks.prefix(20) {
            viewings.append(
                VettingModel.ViewingLine(
                    what: AuditWording.vettingLine(entry.action),
                    who: try await name(entry.actorID),
                    date: dates.dayAndTime(entry.at)
                )
            )
        }
        var noteRows: [VettingModel.NoteLine] = []
        for note in notes {
            noteRows.append(VettingModel.NoteLine(text: note.text, by: try await name(note.recordedBy), date: dates.day(note.recordedAt)))
        }
        let chosenLevel = form?.level ?? record?.level
        // A form sent back shows exactly what was chosen, even nothing; otherwise the record's.
        let chosenDecision: SuitabilityDecision? = if let form { form.decision } else { record?.decision ?? .suitable }
        var model = VettingModel(
            id: person.id,
            name: person.name,
            today: dates.input(now()),
            hasRecord: record != nil,
            levels: VettingLevel.allCases.map { .init(value: $0.rawValue, label: VettingModel.label($0), checked: $0 == chosenLevel) },
            decisions: [SuitabilityDecision.suitable, .notYet].map {
                .init(value: $0.rawValue, label: VettingModel.label($0), checked: $0 == chosenDecision)
            },
            number: form?.number ?? record?.certificateNumber ?? "",
            issued: form?.issued ?? record.map { dates.input($0.issueDate) } ?? "",
            numberError: form?.numberError,
            issuedError: form?.issuedError,
            levelError: form?.levelError,
            decisionError: form?.decisionError,
            noteError: noteError,
            notes: noteRows,
            viewings: viewings
        )
        if let record {
            model.recordLevel = VettingModel.label(record.level)
            model.recordNumber = record.certificateNumber
            model.recordIssued = dates.day(record.issueDate)
            model.recordDecision = VettingModel.label(record.decision)
            model.recordDecidedBy = "\(try await name(record.decidedBy)), \(dates.day(record.decidedAt))"
        }
        return model
    }
}
