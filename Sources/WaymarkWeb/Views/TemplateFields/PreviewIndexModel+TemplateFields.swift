// The page models declared in Preview/PreviewIndexModel.swift, as templates read them: each switch
// lists the names a template may use.

extension PreviewIndexModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .folder: reader.read { $0.pointee.folder }
        case .problemsHeading: reader.read { $0.pointee.problemsHeading }
        case .problemLines: reader.read { $0.pointee.problemLines }
        case .programmes: reader.read { $0.pointee.programmes }
        default: break
        }
    }
}

extension PreviewIndexModel.ModuleItem: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .unitHref: reader.read { $0.pointee.unitHref }
        case .checkHref: reader.read { $0.pointee.checkHref }
        case .checkTitle: reader.read { $0.pointee.checkTitle }
        case .needs: reader.read { $0.pointee.needs }
        case .notes: reader.read { $0.pointee.notes }
        case .problemsHref: reader.read { $0.pointee.problemsHref }
        default: break
        }
    }
}

extension PreviewIndexModel.ProgrammeModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .title: reader.read { $0.pointee.title }
        case .version: reader.read { $0.pointee.version }
        case .recruitment: reader.read { $0.pointee.recruitment }
        case .modules: reader.read { $0.pointee.modules }
        case .practice: reader.read { $0.pointee.practice }
        case .certificate: reader.read { $0.pointee.certificate }
        default: break
        }
    }
}

extension PreviewIndexModel.RecruitmentItem: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .note: reader.read { $0.pointee.note }
        default: break
        }
    }
}

extension PreviewProblemsModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .what: reader.read { $0.pointee.what }
        case .lines: reader.read { $0.pointee.lines }
        default: break
        }
    }
}
