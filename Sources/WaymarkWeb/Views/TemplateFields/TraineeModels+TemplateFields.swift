// The page models declared in Views/TraineeModels.swift, as templates read them: each switch
// lists the names a template may use.

extension ApplicationModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .programme: reader.read { $0.pointee.programme }
        case .sent: reader.read { $0.pointee.sent }
        case .note: reader.read { $0.pointee.note }
        case .noteError: reader.read { $0.pointee.noteError }
        default: break
        }
    }
}

extension DashboardModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        case .programme: reader.read { $0.pointee.programme }
        case .stage: reader.read { $0.pointee.stage }
        case .nextStep: reader.read { $0.pointee.nextStep }
        case .nextStepLink: reader.read { $0.pointee.nextStepLink }
        case .othersNext: reader.read { $0.pointee.othersNext }
        case .recruitment: reader.read { $0.pointee.recruitment }
        case .modules: reader.read { $0.pointee.modules }
        case .practice: reader.read { $0.pointee.practice }
        case .renewal: reader.read { $0.pointee.renewal }
        case .warnings: reader.read { $0.pointee.warnings }
        case .missing: reader.read { $0.pointee.missing }
        case .recruitmentTerms: reader.read { $0.pointee.recruitmentTerms }
        default: break
        }
    }
}

extension PracticeModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .entries: reader.read { $0.pointee.entries }
        case .countersignedHours: reader.read { $0.pointee.countersignedHours }
        case .neededHours: reader.read { $0.pointee.neededHours }
        case .canLog: reader.read { $0.pointee.canLog }
        case .closedNote: reader.read { $0.pointee.closedNote }
        case .date: reader.read { $0.pointee.date }
        case .hours: reader.read { $0.pointee.hours }
        case .setting: reader.read { $0.pointee.setting }
        case .dateError: reader.read { $0.pointee.dateError }
        case .hoursError: reader.read { $0.pointee.hoursError }
        case .settingError: reader.read { $0.pointee.settingError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension PracticeModel.Entry: TemplateFields {
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

extension ReflectionListModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .items: reader.read { $0.pointee.items }
        case .accepted: reader.read { $0.pointee.accepted }
        case .needed: reader.read { $0.pointee.needed }
        default: break
        }
    }
}

extension ReflectionListModel.Item: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .text: reader.read { $0.pointee.text }
        case .state: reader.read { $0.pointee.state }
        case .feedback: reader.read { $0.pointee.feedback }
        case .isOpen: reader.read { $0.pointee.isOpen }
        case .lockNote: reader.read { $0.pointee.lockNote }
        default: break
        }
    }
}

extension ReflectionModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .prompt: reader.read { $0.pointee.prompt }
        case .guidance: reader.read { $0.pointee.guidance }
        case .minimumWords: reader.read { $0.pointee.minimumWords }
        case .text: reader.read { $0.pointee.text }
        case .textError: reader.read { $0.pointee.textError }
        case .sentBackFeedback: reader.read { $0.pointee.sentBackFeedback }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension StepModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .count: reader.read { $0.pointee.count }
        case .done: reader.read { $0.pointee.done }
        case .link: reader.read { $0.pointee.link }
        case .note: reader.read { $0.pointee.note }
        default: break
        }
    }
}

extension UnitModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .title: reader.read { $0.pointee.title }
        case .minutes: reader.read { $0.pointee.minutes }
        case .objectives: reader.read { $0.pointee.objectives }
        case .sectionsHTML: reader.read { $0.pointee.sectionsHTML }
        case .isRead: reader.read { $0.pointee.isRead }
        case .hasCheck: reader.read { $0.pointee.hasCheck }
        case .moduleHref: reader.read { $0.pointee.moduleHref }
        case .homeHref: reader.read { $0.pointee.homeHref }
        default: break
        }
    }
}
