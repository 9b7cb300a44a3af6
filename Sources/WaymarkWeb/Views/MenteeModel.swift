import Foundation
import WaymarkProgress
import WaymarkStore

/// One mentee's supervision as their supervisor sees it: every session with how they were
/// doing, and the practice hours they logged.
struct MenteeModel {
    struct SessionLine {
        var date: String
        var minutes: String
        var wellbeing: String
    }

    struct HoursLine {
        var date: String
        var hours: String
        var setting: String
        var countersigned: String
    }

    var id: String
    var name: String
    var stage: String
    var sessions: [SessionLine]
    var hours: [HoursLine]

    init(person: Person, events: [TraineeEvent], status: TraineeStatus, dates: WebDates) {
        id = person.id
        name = person.name
        stage = status.stage.label
        sessions = Self.sessions(events, dates: dates)
        var signed: Set<String> = []
        for event in events { if case .practiceCountersigned(let id) = event.kind { signed.insert(id) } }
        hours = events.reversed().compactMap { event in
            guard case .practiceLogged(let id, let on, let hours, let setting) = event.kind else { return nil }
            return HoursLine(date: dates.day(on), hours: PracticeModel.hours(hours), setting: setting, countersigned: signed.contains(id) ? "Yes" : "Not yet")
        }
    }

    /// Every supervision session, newest first.
    static func sessions(_ events: [TraineeEvent], dates: WebDates) -> [SessionLine] {
        events.compactMap { event -> (Date, SessionLine)? in
            guard case .supervisionRecorded(let on, let minutes, _, let wellbeing) = event.kind else { return nil }
            return (on, SessionLine(date: dates.day(on), minutes: String(minutes), wellbeing: label(wellbeing)))
        }
        .sorted { $0.0 > $1.0 }
        .map(\.1)
    }

    static func label(_ wellbeing: WellbeingCheck) -> String {
        switch wellbeing {
        case .good: "Doing well"
        case .someConcerns: "Some concerns"
        case .needsSupport: "Needs support now"
        }
    }
}

extension MenteeModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .stage: reader.read { $0.pointee.stage }
        case .sessions: reader.read { $0.pointee.sessions }
        case .hours: reader.read { $0.pointee.hours }
        default: break
        }
    }
}

extension MenteeModel.HoursLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .date: reader.read { $0.pointee.date }
        case .hours: reader.read { $0.pointee.hours }
        case .setting: reader.read { $0.pointee.setting }
        case .countersigned: reader.read { $0.pointee.countersigned }
        default: break
        }
    }
}

extension MenteeModel.SessionLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .date: reader.read { $0.pointee.date }
        case .minutes: reader.read { $0.pointee.minutes }
        case .wellbeing: reader.read { $0.pointee.wellbeing }
        default: break
        }
    }
}
