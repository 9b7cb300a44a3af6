import Foundation
import Hummingbird
import WaymarkActions
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

extension Web {
    func addSupervisorRoutes(to router: Router<WebContext>) {
        let supervisor = group(router, .only([.supervisor]))

        supervisor.get("/mentors") { exchange in
            try await mentorsPage(exchange)
        }

        supervisor.get("/mentors/:trainee") { exchange in
            let (person, programme) = try await mentee(exchange)
            let events = try await store.eventsForProgress(traineeID: person.id, programmeID: programme.id)
            let model = MenteeModel(person: person, events: events, status: Progression.evaluate(programme, events, now: now()), dates: dates)
            return page("mentee", model, title: person.name, exchange)
        }

        supervisor.post("/mentors/:trainee/supervision") { exchange in
            let (person, programme) = try await mentee(exchange)
            let typedDate = exchange.form.trimmed("date") ?? ""
            let typedMinutes = exchange.form.trimmed("minutes") ?? ""
            let wellbeing = WellbeingCheck(rawValue: exchange.form["wellbeing"] ?? "")
            var problems: [(field: String, text: String)] = []
            let date = dates.parse(typedDate)
            if date == nil {
                problems.append(("date", "Enter the date of the session, like 26/11/2026."))
            } else if let date, date > now().addingTimeInterval(86_400) {
                problems.append(("date", "The session's date cannot be in the future."))
            }
            let minutes = RequestNumbers.whole(typedMinutes, in: 5...600)
            if minutes == nil {
                problems.append(("minutes", "Enter how long it was in minutes, from 5 to 600, like 60."))
            }
            if wellbeing == nil { problems.append(("wellbeing", "Choose how they are doing.")) }
            guard problems.isEmpty, let date, let minutes, let wellbeing else {
                // Back with this mentee's form as it was sent, each problem beside its field.
                return try await mentorsPage(exchange, status: .badRequest) { model in
                    guard let index = model.mentors.firstIndex(where: { $0.id == person.id }) else { return }
                    model.mentors[index].keep(date: typedDate, minutes: typedMinutes, wellbeing: exchange.form["wellbeing"] ?? "")
                    for problem in problems {
                        model.mentors[index].show(problem.text, on: problem.field)
                        model.problems.append(.init(href: "#\(problem.field)-\(person.id)", text: "\(person.name): \(problem.text)"))
                    }
                }
            }
            try await Supervision(store: store).recordSession(
                on: date,
                minutes: minutes,
                wellbeing: wellbeing,
                with: person.id,
                on: programme,
                by: try exchange.person.id,
                at: now()
            )
            return redirect("/mentors?notice=recorded#main")
        }

        supervisor.post("/mentors/:trainee/countersign/:entry") { exchange in
            let (person, programme) = try await mentee(exchange)
            let entry = try exchange.parameter("entry")
            let events = try await store.eventsForProgress(traineeID: person.id, programmeID: programme.id)
            let logged = events.contains { if case .practiceLogged(let id, _, _, _) = $0.kind { id == entry } else { false } }
            let signed = events.contains { $0.kind == .practiceCountersigned(entryID: entry) }
            guard logged else { throw WebError.notFound }
            if !signed {
                try await Supervision(store: store).countersign(entry, of: person.id, on: programme, by: try exchange.person.id, at: now())
            }
            return redirect("/mentors?notice=recorded")
        }
    }

    /// The supervisor's mentors; `adjust` fills in a form sent back with a problem.
    private func mentorsPage(
        _ exchange: Exchange,
        status: HTTPResponse.Status = .ok,
        _ adjust: (inout MentorsModel) -> Void = { _ in }
    ) async throws -> Response {
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
                    status: Progression.evaluate(programme, events, now: now()),
                    today: dates.input(now()),
                    dates: dates
                )
            )
        }
        var model = MentorsModel(mentors: mentors)
        adjust(&model)
        let notice = status == .ok ? exchange.query("notice").flatMap(Notices.text) : nil
        return page("mentors", model, title: "My mentors", exchange, status: status, notice: notice)
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
        /// The session form as it was sent (today and an hour, until then), and its problems.
        var formDate: String
        var formMinutes = "60"
        var wellbeingGood = true
        var wellbeingSome = false
        var wellbeingNeeds = false
        var dateError: String?
        var minutesError: String?
        var wellbeingError: String?
        /// The last few sessions, newest first, with how the mentee was doing.
        var recentSessions: [MenteeModel.SessionLine]
        var hasMoreSessions: Bool
        /// Whether the session form shows open: for those in training or practice, anyone
        /// overdue, and a form come back with a problem. Others have it one click away.
        var formOpen: Bool
        /// In training or practice, or certified: supervision still goes on. Others (paused,
        /// withdrawn, revoked, expired) are listed apart, without a form.
        var isSupervised: Bool

        init(person: Person, programme: Programme, events: [TraineeEvent], status: TraineeStatus, today: String, dates: WebDates) {
            formDate = today
            id = person.id
            name = person.name
            stage = status.stage.label
            let sessions = MenteeModel.sessions(events, dates: dates)
            recentSessions = Array(sessions.prefix(3))
            hasMoreSessions = sessions.count > 3
            isSupervised = ![.paused, .withdrawn, .revoked, .expired].contains(status.stage)
            var signed: Set<String> = []
            var logged: [Entry] = []
            var last: Date?
            for event in events {
                switch event.kind {
                case .practiceLogged(let id, let on, let hours, let setting):
                    logged.append(Entry(mentorID: person.id, id: id, date: dates.day(on), hours: PracticeModel.hours(hours), setting: setting))
                case .practiceCountersigned(let id): signed.insert(id)
                case .supervisionRecorded(let on, _, _, _): last = max(last ?? on, on)
                default: break
                }
            }
            toCountersign = logged.filter { !signed.contains($0.id) }
            lastSupervision = last.map(dates.day) ?? "None yet"
            overdueNote =
                status.warnings.compactMap { if case .supervisionOverdue(let since) = $0 { "Overdue since \(dates.day(since))" } else { nil } }
                .first
            formOpen = overdueNote != nil || [.applicant, .inRecruitment, .inTraining, .inPractice, .eligible].contains(status.stage)
        }
    }

    /// A problem in the error summary, linked to its field.
    struct ProblemLink {
        var href: String
        var text: String
    }

    var mentors: [Mentor]
    var overdueMentors: [Mentor]
    /// Mentees no longer supervised: a line each, their sessions a link away.
    var finished: [Mentor]
    var problems: [ProblemLink] = []

    init(mentors: [Mentor]) {
        self.mentors = mentors.filter(\.isSupervised)
        finished = mentors.filter { !$0.isSupervised }
        overdueMentors = self.mentors.filter { $0.overdueNote != nil }
    }
}

extension MentorsModel.Mentor {
    mutating func keep(date: String, minutes: String, wellbeing: String) {
        formDate = date
        formMinutes = minutes
        wellbeingGood = wellbeing == WellbeingCheck.good.rawValue
        wellbeingSome = wellbeing == WellbeingCheck.someConcerns.rawValue
        wellbeingNeeds = wellbeing == WellbeingCheck.needsSupport.rawValue
    }

    mutating func show(_ problem: String, on field: String) {
        formOpen = true
        switch field {
        case "date": dateError = problem
        case "minutes": minutesError = problem
        default: wellbeingError = problem
        }
    }
}
