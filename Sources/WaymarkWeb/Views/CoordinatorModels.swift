import Foundation
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// The cohort overview: one line per trainee from the summary rows, never their events.
struct CohortModel {
    struct Row {
        var traineeID: String
        var name: String
        var stage: String
        var nextStep: String
        var lastActivity: String
        var warnings: [String]
    }

    struct Choice {
        var value: String
        var label: String
        var selected: Bool
    }

    var rows: [Row]
    var total: Int
    var programmes: [Choice]
    var stages: [Choice]
    var pageNumber: Int
    var pageCount: Int
    var previousPage: String?
    var nextPage: String?
    var showingFrom: Int
    var showingTo: Int

    init(page: SummaryPage, programmes: [Programme], programmeID: String, stage: Stage?, pageNumber: Int, pageSize: Int, now: Date, dates: WebDates) {
        rows = page.summaries.map { summary in
            var warnings = Progression.timeWarnings(summary.dates, now: now).map { warning -> String in
                switch warning {
                case .supervisionOverdue(let since): "Supervision overdue since \(dates.day(since))"
                case .certificateExpiring(let on): "Certificate ends \(dates.day(on))"
                case .reflectionAwaitingReview: "Reflection to read"
                }
            }
            if summary.reflectionsAwaitingReview > 0 {
                warnings.append("\(summary.reflectionsAwaitingReview) reflection\(summary.reflectionsAwaitingReview == 1 ? "" : "s") to read")
            }
            return Row(
                traineeID: summary.traineeID,
                name: summary.name,
                stage: summary.stage.label,
                nextStep: summary.nextStep,
                lastActivity: summary.dates.lastActivity.map(dates.day) ?? "",
                warnings: warnings
            )
        }
        total = page.total
        self.programmes = programmes.map { Choice(value: $0.id, label: $0.title, selected: $0.id == programmeID) }
        stages =
            [Choice(value: "", label: "Every stage", selected: stage == nil)]
            + Stage.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == stage) }
        self.pageNumber = pageNumber
        pageCount = max(1, (page.total + pageSize - 1) / pageSize)
        let base = "/cohort?programme=\(programmeID)\(stage.map { "&stage=\($0.rawValue)" } ?? "")"
        previousPage = pageNumber > 1 ? "\(base)&page=\(pageNumber - 1)" : nil
        nextPage = pageNumber < pageCount ? "\(base)&page=\(pageNumber + 1)" : nil
        showingFrom = page.total == 0 ? 0 : (pageNumber - 1) * pageSize + 1
        showingTo = (pageNumber - 1) * pageSize + page.summaries.count
    }
}

/// A trainee's page for a coordinator: where they stand, the full timeline, and every action.
struct TraineeRecordModel {
    struct Line {
        var date: String
        var what: String
        var who: String
        var why: String?
    }

    struct Option {
        var value: String
        var label: String
        var selected = false
    }

    /// A check whose tries are used up, with its form to allow one more as it was sent. Named
    /// apart from the certificate's reason, which a template inside this row would otherwise reach.
    struct TryOption {
        var value: String
        var label: String
        var tryReason = ""
        var tryReasonError: String?
    }

    /// A problem in the summary at the top, linked to the field it is about.
    typealias ProblemLink = SummaryProblemLink

    var id: String
    var name: String
    var email: String
    var programme: String
    var stage: String
    var nextSteps: [String]
    var missing: [String]
    var timeline: [Line]
    var checks: [Option]
    var hasCertificate: Bool
    var canIssue: Bool
    /// The changes that fit the certificate's state now; only these buttons are offered.
    var canSuspend = false
    var canReinstate = false
    var canRevoke = false
    var awaitingReview: [Option]
    /// Checks whose tries are all used, each of which a coordinator can open again.
    var triesUsedUp: [TryOption]
    var today: String
    /// The problems with the form just sent, each linked to the field it is about.
    var problems: [ProblemLink] = []
    /// What was chosen and typed in the recruitment check form, kept when it comes back.
    var outcomeComplete = true
    var outcomeFollowUp = false
    var checkNote = ""
    var checkError: String?
    var outcomeError: String?
    var noteError: String?
    /// What was chosen and typed in the suitability form, kept when it comes back.
    var decisionSuitable = true
    var decisionNotYet = false
    var rationale = ""
    var revisit = ""
    var decisionError: String?
    var rationaleError: String?
    var revisitError: String?
    var certificateReason = ""
    var reasonError: String?
    /// A certificate change that could not be made, shown beside the buttons.
    var certificateError: String?
    /// What they wrote on the public application form, if they applied there.
    var application: ApplicationItem?

    init(person: Person, programme: Programme, events: [TraineeEvent], status: TraineeStatus, names: [String: String], now: Date, dates: WebDates) {
        id = person.id
        name = person.name
        email = person.email
        self.programme = programme.title
        stage = status.stage.label
        nextSteps = status.nextSteps.map(\.staffText)
        missing = status.eligibility.missing
        timeline = events.reversed().map { event in
            Line(
                date: dates.dayAndTime(event.at),
                what: Timeline.describe(event.kind, programme: programme, dates: dates),
                who: names[event.actorID] ?? "Waymark",
                why: event.reason
            )
        }
        checks = programme.recruitment.map { Option(value: $0.id, label: $0.count > 1 ? "\($0.title) (\($0.count) needed)" : $0.title) }
        hasCertificate = CertificateEvents.current(events) != nil
        canIssue = status.eligibility.isEligible || status.renewal?.isMet == true
        awaitingReview = status.warnings.compactMap {
            if case .reflectionAwaitingReview(let id) = $0 {
                return Option(value: id, label: ReflectionPrompts.all(programme).first { $0.id == id }?.text ?? id)
            }
            return nil
        }
        let attempts = events.compactMap(\.datedAttempt)
        triesUsedUp = programme.modules.compactMap { module in
            guard let id = module.assessmentID, let assessment = programme.assessments[id] else { return nil }
            let extra = Progression.extraTries(at: id, in: events)
            guard Progression.attemptAvailability(assessment, attempts: attempts, extraTries: extra, now: now) == .noTriesLeft else { return nil }
            return TryOption(value: id, label: programme.unit(for: module)?.title ?? module.id)
        }
        today = dates.input(now)
    }
}

extension TraineeRecordModel {
    /// Adds a problem to the summary at the top, linked to the field it is about.
    mutating func show(_ problem: String, linkedTo field: String) {
        problems.append(ProblemLink(href: "#\(field)", text: problem))
    }

    /// Offers only the certificate changes that fit this state.
    mutating func certificateState(_ state: CertificateState) {
        let fitting = CertificateAction.fitting(state)
        canSuspend = fitting.contains(.suspend)
        canReinstate = fitting.contains(.reinstate)
        canRevoke = fitting.contains(.revoke)
    }
}

/// Events in plain words for the timeline. Vetting checks say only that they were recorded.
enum Timeline {
    /// `programme` is nil when the record's programme has left the curriculum: ids then stand in
    /// for titles, and the sentence is still one a person can read.
    static func describe(_ kind: EventKind, programme: Programme?, dates: WebDates) -> String {
        func module(_ id: String) -> String { programme?.module(id).flatMap { programme?.unit(for: $0)?.title } ?? id }
        func check(_ id: String) -> String { programme?.recruitment.first { $0.id == id }?.title ?? id }
        switch kind {
        case .applicationSubmitted: return "Applied"
        case .checkRecorded(let id, let outcome, let note):
            return "Recruitment check: \(check(id)), \(outcome == .complete ? "complete" : "needs follow-up")\(note.map { " (\($0))" } ?? "")"
        case .suitabilityDecided(let decision, let revisit):
            return decision == .suitable
                ? "Decided: suitable to start training" : "Decided: not yet\(revisit.map { ", talk again from \(dates.day($0))" } ?? "")"
        case .unitRead(let id): return "Read \"\(module(id))\""
        case .anotherTryAllowed(let id):
            let owner = programme?.modules.first { $0.assessmentID == id }.map { module($0.id) } ?? id
            return "Allowed one more try at the check for \"\(owner)\""
        case .assessmentAttempted(let attempt):
            return
                "Took the check for \"\(module(attempt.moduleID))\": \(Int(attempt.percent.rounded()))%, \(attempt.passed ? "passed" : "not passed yet")"
        case .reflectionSubmitted(let id, _): return "Sent a reflection (\(id))"
        case .reflectionReviewed(let id, let outcome, _):
            return "Reflection \(id) \(outcome == .accepted ? "accepted" : "sent back to look at again")"
        case .practiceLogged(_, let on, let hours, let setting):
            return "Logged \(PracticeModel.hours(hours)) hours on \(dates.day(on)) at \(setting)"
        case .practiceCountersigned: return "Practice hours countersigned"
        case .supervisionRecorded(let on, let minutes, _, let wellbeing):
            return "Supervision on \(dates.day(on)), \(minutes) minutes, wellbeing: \(wellbeing.rawValue.replacingOccurrences(of: "-", with: " "))"
        case .cpdLogged(let on, let hours, let activity): return "CPD: \(PracticeModel.hours(hours)) hours on \(dates.day(on)), \(activity)"
        case .certificateIssued(let code, _): return "Certificate issued: \(code)"
        case .certificateRenewed(let old, let code, _): return "Certificate renewed: \(code) replaces \(old)"
        case .certificateSuspended(let code): return "Certificate suspended: \(code)"
        case .certificateReinstated(let code): return "Certificate reinstated: \(code)"
        case .certificateRevoked(let code): return "Certificate revoked: \(code)"
        case .paused: return "Paused"
        case .resumed: return "Came back"
        case .withdrawn: return "Left the programme"
        case .personalDataErased: return "Personal data erased on request"
        }
    }
}

/// Reflections waiting for a coordinator.
struct ReviewListModel {
    struct Item {
        var name: String
        var traineeID: String
        var promptID: String
        var prompt: String
    }

    var items: [Item]

    /// Prompts whose latest submission is newer than their latest review.
    static func awaiting(_ events: [TraineeEvent]) -> [String] {
        var submitted: [String: Int] = [:]
        var reviewed: [String: Int] = [:]
        for event in events {
            switch event.kind {
            case .reflectionSubmitted(let id, _): submitted[id] = event.sequence
            case .reflectionReviewed(let id, _, _): reviewed[id] = event.sequence
            default: break
            }
        }
        return submitted.filter { $0.value > (reviewed[$0.key] ?? 0) }.map(\.key).sorted()
    }
}

/// Reading one reflection.
struct ReviewModel {
    var traineeID: String
    var name: String
    var promptID: String
    var prompt: String
    var text: String
    /// What the reviewer chose and wrote, kept when the form comes back with a problem. A fresh
    /// form offers "Accept it"; one sent back shows exactly what was chosen, even nothing.
    var accepted = true
    var revisit = false
    var feedback = ""
    var outcomeError: String?
    var feedbackError: String?
    var hasErrors: Bool { outcomeError != nil || feedbackError != nil }
}
