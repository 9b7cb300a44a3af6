import Foundation
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// A countable step of progress: "3 of 5".
struct StepModel {
    var title: String
    var count: String
    var done: Bool
    var link: String?
    var note: String?
}

/// The trainee's home: the next small step first, then progress by stage in countable steps.
struct DashboardModel {
    var name: String
    var programme: String
    var stage: String
    var nextStep: String?
    var nextStepLink: String?
    var othersNext: [String]
    var recruitment: [StepModel]
    var modules: [StepModel]
    var practice: [StepModel]
    var renewal: [StepModel]
    var warnings: [String]
    var missing: [String]
    /// Plain words for the terms the recruitment steps use, said where a trainee first meets them.
    var recruitmentTerms: [String]

    init(_ view: TraineeView, now: Date) {
        self.init(person: view.person, programme: view.programme, status: view.status, access: view.access, dates: view.dates)
    }

    init(person: Person, programme: Programme, status: TraineeStatus, access: TraineeAccess, dates: WebDates) {
        name = person.name
        self.programme = programme.title
        stage = status.stage.label
        let mine = status.nextSteps.filter { $0.actor == .trainee }
        // Someone else's task is never shown as the trainee's own step: it is listed below, once.
        nextStep = mine.first?.text ?? "There is nothing you need to do just now."
        nextStepLink = mine.first.flatMap { Self.link(for: $0.target) }
        othersNext = status.nextSteps.filter { $0.actor != .trainee }.prefix(3).map(\.text)
        func step(_ requirement: RequirementProgress) -> StepModel {
            var step = StepModel(
                title: requirement.title,
                count: Self.count(requirement),
                done: requirement.isMet,
                // Modules are linked below, once their lock is known.
                link: requirement.id.hasPrefix("module:") ? nil : Self.link(forRequirement: requirement.id),
                note: requirement.isNoLongerRequired ? "Done, and no longer needed in this version" : nil
            )
            // A locked module is not a link: its note says when it opens instead.
            if requirement.id.hasPrefix("module:"), !requirement.isNoLongerRequired {
                let moduleID = String(requirement.id.dropFirst("module:".count))
                if let refusal = access.refusal(.readUnit(moduleID: moduleID)) {
                    step.note = RefusalModel.lockNote(refusal)
                } else {
                    step.link = "/modules/\(moduleID)"
                }
            }
            return step
        }
        recruitment = status.requirements.filter { $0.id.hasPrefix("check:") || $0.id.hasPrefix("recruitment:") }.map(step)
        recruitmentTerms = recruitment.isEmpty ? [] : Self.terms(for: programme)
        modules = status.requirements.filter { $0.id.hasPrefix("module:") }.map(step)
        practice = status.requirements.filter { $0.id.hasPrefix("practice:") }.map(step)
        renewal = status.renewal?.requirements.map(step) ?? []
        warnings = status.warnings.compactMap { warning in
            switch warning {
            case .supervisionOverdue: "It is time for your next supervision session. Please book one with your supervisor."
            case .certificateExpiring(let on): "Your certificate runs until \(dates.day(on)). You can renew it now."
            case .reflectionAwaitingReview: nil
            }
        }
        missing = status.eligibility.isEligible ? [] : status.eligibility.missing
    }

    static func terms(for programme: Programme) -> [String] {
        var terms: [String] = []
        if programme.recruitment.contains(where: { $0.kind == .vetting }) {
            terms.append(
                "A DBS check is a criminal record check by the Disclosure and Barring Service. Having a conviction does not stop you "
                    + "becoming a peer mentor."
            )
        }
        if programme.recruitment.contains(where: { $0.title.localizedCaseInsensitiveContains("induction") }) {
            terms.append("The induction session is a first meeting to welcome you and explain how things work.")
        }
        terms.append(
            "The suitability decision is when a coordinator, after talking with you, decides whether now is the right time for you "
                + "to start training. If it is not yet, they will say why and when you can talk again."
        )
        return terms
    }

    static func count(_ requirement: RequirementProgress) -> String {
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }
        return "\(number(min(requirement.done, requirement.needed))) of \(number(requirement.needed))"
    }

    /// Where a requirement on the dashboard is worked on, when a page of the trainee's does that.
    static func link(forRequirement id: String) -> String? {
        if id.hasPrefix("renewal:module:") { return "/modules/\(id.dropFirst("renewal:module:".count))" }
        if id == "renewal:cpd" { return "/cpd" }
        return nil
    }

    static func link(for target: String) -> String? {
        if target == "application" { return "/application" }
        if target.hasPrefix("module:") { return "/modules/\(target.dropFirst("module:".count))" }
        if target.hasPrefix("assessment:") { return nil }
        if target.hasPrefix("reflection:") { return "/reflections/\(target.dropFirst("reflection:".count))" }
        if target == "renewal:cpd" { return "/cpd" }
        // Booking happens with the supervisor, not on a page: the practice log is not where it is done.
        if target == "practice:supervision" { return nil }
        if target.hasPrefix("practice") { return "/practice" }
        if target.hasPrefix("certificate") { return "/certificate" }
        return nil
    }
}

/// A unit's reading page.
struct UnitModel {
    var id: String
    var title: String
    var minutes: Int?
    var objectives: [String]
    /// HTML Waymark rendered itself from the curriculum's safe text (see CurriculumHTML).
    var sectionsHTML: String
    var isRead: Bool
    var hasCheck: Bool
    /// Where the module's pages are: the trainee's own, or the preview's (`PreviewLinks`).
    var moduleHref: String
    /// Where "Back to my next step" leads.
    var homeHref = "/dashboard"

    init(unit: WaymarkCurriculum.Unit, html: CurriculumCache.UnitHTML, module: Module, status: TraineeStatus) {
        id = module.id
        moduleHref = "/modules/\(module.id)"
        title = unit.title
        minutes = unit.minutes
        objectives = html.objectives
        sectionsHTML = html.sections
        let requirement = status.requirements.first { $0.id == "module:\(module.id)" }
        isRead = (requirement?.done ?? 0) >= 1
        hasCheck = module.assessmentID != nil
    }
}

/// Every reflection prompt of a programme, in units and assessments.
enum ReflectionPrompts {
    struct Prompt {
        var id: String
        var text: String
        var guidance: String
        var minimumWords: Int?
    }

    /// Unit prompts and reflection questions in assessments, in the programme's order: the same
    /// prompts the engine counts and offers as next steps.
    static func all(_ programme: Programme) -> [Prompt] {
        var prompts: [Prompt] = []
        for module in programme.modules {
            if let unit = programme.unit(for: module) {
                prompts += unit.reflections.map {
                    Prompt(id: $0.id, text: $0.prompt.plainText, guidance: $0.guidance.plainText, minimumWords: $0.minimumWords)
                }
            }
            for question in programme.assessment(for: module)?.questions ?? [] {
                if case .reflection(let guidance, let minimumWords) = question.kind {
                    prompts.append(Prompt(id: question.id, text: question.prompt.plainText, guidance: guidance.plainText, minimumWords: minimumWords))
                }
            }
        }
        return prompts
    }
}

/// The list of reflections with where each one stands.
struct ReflectionListModel {
    struct Item {
        var id: String
        var text: String
        var state: String
        var feedback: String?
        /// Whether the prompt's module is open, so the prompt is a link.
        var isOpen: Bool
        var lockNote: String?
    }

    var items: [Item]
    var accepted: Int
    var needed: Int?

    init(_ view: TraineeView, drafts: Set<String>) {
        var submitted: [String: Int] = [:]
        var reviewed: [String: (Int, ReviewOutcome, String)] = [:]
        for event in view.events {
            switch event.kind {
            case .reflectionSubmitted(let id, _): submitted[id] = event.sequence
            case .reflectionReviewed(let id, let outcome, let feedback): reviewed[id] = (event.sequence, outcome, feedback)
            default: break
            }
        }
        var accepted = 0
        items = ReflectionPrompts.all(view.programme).map { prompt in
            var state = drafts.contains(prompt.id) ? "Draft saved" : "Not written yet"
            var feedback: String?
            if let sent = submitted[prompt.id] {
                if let review = reviewed[prompt.id], review.0 > sent {
                    if review.1 == .accepted {
                        state = "Accepted"
                        accepted += 1
                    } else {
                        state = "Please have another look"
                    }
                    feedback = review.2.isEmpty ? nil : review.2
                } else {
                    state = "Sent, waiting to be read"
                }
            }
            let refusal = view.access.refusal(.writeReflection(promptID: prompt.id))
            return Item(
                id: prompt.id,
                text: prompt.text,
                state: state,
                feedback: feedback,
                isOpen: refusal == nil,
                lockNote: refusal.flatMap(RefusalModel.lockNote)
            )
        }
        self.accepted = accepted
        needed = view.programme.practice?.minimumReflections
    }
}

/// Writing one reflection.
struct ReflectionModel {
    var id: String
    var prompt: String
    var guidance: String
    var minimumWords: Int?
    var text: String
    var textError: String?
    var hasErrors: Bool { textError != nil }
    /// What the coordinator wrote when they asked for another look, while that is the latest word.
    var sentBackFeedback: String?

    init(prompt: ReflectionPrompts.Prompt, view: TraineeView, text: String?) {
        id = prompt.id
        self.prompt = prompt.text
        guidance = prompt.guidance
        minimumWords = prompt.minimumWords
        var last: String?
        for event in view.events {
            switch event.kind {
            case .reflectionSubmitted(let id, let sent) where id == prompt.id:
                last = sent
                sentBackFeedback = nil
            case .reflectionReviewed(let id, let outcome, let feedback) where id == prompt.id:
                sentBackFeedback = outcome == .revisit ? feedback : nil
            default: break
            }
        }
        self.text = text ?? last ?? ""
    }
}

/// The practice log and its form.
struct PracticeModel {
    struct Entry {
        var date: String
        var hours: String
        var setting: String
        var countersigned: Bool
    }

    var entries: [Entry]
    var countersignedHours: String
    var neededHours: String?
    /// Whether practice is open, so the form is shown; otherwise `closedNote` says when it opens.
    var canLog: Bool
    var closedNote: String?
    var date: String
    var hours = ""
    var setting = ""
    var dateError: String?
    var hoursError: String?
    var settingError: String?
    var hasErrors: Bool { dateError != nil || hoursError != nil || settingError != nil }

    init(_ view: TraineeView, date: String) {
        var signed: Set<String> = []
        var logged: [(String, Date, Double, String)] = []
        for event in view.events {
            switch event.kind {
            case .practiceLogged(let id, let on, let hours, let setting): logged.append((id, on, hours, setting))
            case .practiceCountersigned(let id): signed.insert(id)
            default: break
            }
        }
        entries = logged.reversed().map {
            Entry(date: view.dates.day($0.1), hours: Self.hours($0.2), setting: $0.3, countersigned: signed.contains($0.0))
        }
        countersignedHours = Self.hours(logged.filter { signed.contains($0.0) }.reduce(0) { $0 + $1.2 })
        neededHours = view.programme.practice?.minimumHours.map(Self.hours)
        let refusal = view.access.refusal(.logPractice)
        canLog = refusal == nil
        closedNote = refusal.map { RefusalModel($0, sent: false, dates: view.dates).why }
        self.date = date
    }

    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2g", value)
    }
}

/// Sending in an application.
struct ApplicationModel {
    var programme: String
    var sent: Bool
    var note = ""
    var noteError: String?
}
