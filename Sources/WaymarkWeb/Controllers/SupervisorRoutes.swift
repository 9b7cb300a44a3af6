import Foundation
import Hummingbird
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

extension Web {
    func addSupervisorRoutes(to router: Router<WebContext>) {
        let supervisor = Access.only([.supervisor])

        add(router, .get, "/mentors", supervisor) { exchange in
            let me = try exchange.person
            var mentors: [MentorsModel.Mentor] = []
            for enrolment in try await store.supervisees(supervisorID: me.id) {
                guard let person = try await store.person(id: enrolment.traineeID),
                    let programme = curriculum.current.programme(enrolment.programmeID)
                else { continue }
                let events = try await store.eventsForProgress(traineeID: person.id, programmeID: programme.id)
                mentors.append(
                    MentorsModel.Mentor(
                        person: person,
                        programme: programme,
                        events: events,
                        status: Progression.evaluate(programme, events, now: now())
                    )
                )
            }
            return page(
                "mentors",
                MentorsModel(mentors: mentors, today: WebDates.input(now())),
                title: "My mentors",
                exchange,
                notice: exchange.query("notice").flatMap(Notices.text)
            )
        }

        add(router, .post, "/mentors/:trainee/supervision", supervisor) { exchange in
            let (person, programme) = try await mentee(exchange)
            guard let date = WebDates.parse(exchange.form["date"]), date <= now().addingTimeInterval(86_400) else {
                return redirect("/mentors?notice=date")
            }
            let minutes = max(5, min(600, Int(exchange.form["minutes"] ?? "") ?? 60))
            let wellbeing = WellbeingCheck(rawValue: exchange.form["wellbeing"] ?? "") ?? .good
            try await TraineeRecords(store: store).record(
                .supervisionRecorded(on: date, minutes: minutes, supervisorID: try exchange.person.id, wellbeing: wellbeing),
                for: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now()
            )
            return redirect("/mentors?notice=recorded")
        }

        add(router, .post, "/mentors/:trainee/countersign/:entry", supervisor) { exchange in
            let (person, programme) = try await mentee(exchange)
            let entry = try exchange.parameter("entry")
            let events = try await store.eventsForProgress(traineeID: person.id, programmeID: programme.id)
            let logged = events.contains { if case .practiceLogged(let id, _, _, _) = $0.kind { id == entry } else { false } }
            let signed = events.contains { $0.kind == .practiceCountersigned(entryID: entry) }
            guard logged else { throw WebError.notFound }
            if !signed {
                try await TraineeRecords(store: store).record(
                    .practiceCountersigned(entryID: entry),
                    for: person.id,
                    on: programme,
                    by: try exchange.person.id,
                    at: now()
                )
            }
            return redirect("/mentors?notice=recorded")
        }
    }

    /// A trainee this supervisor looks after; anyone else is not theirs to see.
    private func mentee(_ exchange: Exchange) async throws -> (Person, Programme) {
        let traineeID = try exchange.parameter("trainee")
        let me = try exchange.person
        guard let enrolment = try await store.supervisees(supervisorID: me.id).first(where: { $0.traineeID == traineeID }),
            let person = try await store.person(id: traineeID),
            let programme = curriculum.current.programme(enrolment.programmeID)
        else { throw WebError.forbidden }
        return (person, programme)
    }
}

/// A supervisor's mentors: who is overdue, hours to countersign, and a form for each.
struct MentorsModel {
    struct Entry {
        var mentorID: String
        var id: String
        var date: String
        var hours: String
        var setting: String
    }

    struct Mentor {
        var id: String
        var name: String
        var stage: String
        var lastSupervision: String
        /// "Overdue since ...". Named apart from the page's list of overdue mentors: a card
        /// without a note would otherwise open that list and print each mentor's debug text.
        var overdueNote: String?
        var toCountersign: [Entry]

        init(person: Person, programme: Programme, events: [TraineeEvent], status: TraineeStatus) {
            id = person.id
            name = person.name
            stage = status.stage.label
            var signed: Set<String> = []
            var logged: [Entry] = []
            var last: Date?
            for event in events {
                switch event.kind {
                case .practiceLogged(let id, let on, let hours, let setting):
                    logged.append(Entry(mentorID: person.id, id: id, date: WebDates.day(on), hours: PracticeModel.hours(hours), setting: setting))
                case .practiceCountersigned(let id): signed.insert(id)
                case .supervisionRecorded(let on, _, _, _): last = max(last ?? on, on)
                default: break
                }
            }
            toCountersign = logged.filter { !signed.contains($0.id) }
            lastSupervision = last.map(WebDates.day) ?? "None yet"
            overdueNote =
                status.warnings.compactMap { if case .supervisionOverdue(let since) = $0 { "Overdue since \(WebDates.day(since))" } else { nil } }
                .first
        }
    }

    var mentors: [Mentor]
    var overdueMentors: [Mentor]
    var today: String

    init(mentors: [Mentor], today: String) {
        self.mentors = mentors
        overdueMentors = mentors.filter { $0.overdueNote != nil }
        self.today = today
    }
}
