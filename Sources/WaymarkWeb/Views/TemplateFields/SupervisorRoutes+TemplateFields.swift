// The page models declared in Controllers/SupervisorRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension MentorsModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .mentors: reader.read { $0.pointee.mentors }
        case .overdueMentors: reader.read { $0.pointee.overdueMentors }
        case .finished: reader.read { $0.pointee.finished }
        case .problems: reader.read { $0.pointee.problems }
        default: break
        }
    }
}

extension MentorsModel.Entry: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .mentorID: reader.read { $0.pointee.mentorID }
        case .id: reader.read { $0.pointee.id }
        case .date: reader.read { $0.pointee.date }
        case .hours: reader.read { $0.pointee.hours }
        case .setting: reader.read { $0.pointee.setting }
        default: break
        }
    }
}

extension MentorsModel.Mentor: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .stage: reader.read { $0.pointee.stage }
        case .lastSupervision: reader.read { $0.pointee.lastSupervision }
        case .overdueNote: reader.read { $0.pointee.overdueNote }
        case .toCountersign: reader.read { $0.pointee.toCountersign }
        case .formDate: reader.read { $0.pointee.formDate }
        case .formMinutes: reader.read { $0.pointee.formMinutes }
        case .wellbeingGood: reader.read { $0.pointee.wellbeingGood }
        case .wellbeingSome: reader.read { $0.pointee.wellbeingSome }
        case .wellbeingNeeds: reader.read { $0.pointee.wellbeingNeeds }
        case .dateError: reader.read { $0.pointee.dateError }
        case .minutesError: reader.read { $0.pointee.minutesError }
        case .wellbeingError: reader.read { $0.pointee.wellbeingError }
        case .recentSessions: reader.read { $0.pointee.recentSessions }
        case .hasMoreSessions: reader.read { $0.pointee.hasMoreSessions }
        case .formOpen: reader.read { $0.pointee.formOpen }
        case .isSupervised: reader.read { $0.pointee.isSupervised }
        default: break
        }
    }
}

extension MentorsModel.ProblemLink: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .href: reader.read { $0.pointee.href }
        case .text: reader.read { $0.pointee.text }
        default: break
        }
    }
}
