// The page models declared in App/Pages.swift, as templates read them: each switch
// lists the names a template may use.

extension Navigation.Link: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .href: reader.read { $0.pointee.href }
        case .label: reader.read { $0.pointee.label }
        default: break
        }
    }
}

extension Pages.Layout: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .title: reader.read { $0.pointee.title }
        case .content: reader.read { $0.pointee.content }
        case .person: reader.read { $0.pointee.person }
        case .nav: reader.read { $0.pointee.nav }
        case .csrf: reader.read { $0.pointee.csrf }
        case .notice: reader.read { $0.pointee.notice }
        case .preview: reader.read { $0.pointee.preview }
        default: break
        }
    }
}

extension Pages.LayoutPerson: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        default: break
        }
    }
}
