// The page models declared in Controllers/ApplyRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension ApplicationsModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .open: reader.read { $0.pointee.open }
        case .links: reader.read { $0.pointee.links }
        case .keptFor: reader.read { $0.pointee.keptFor }
        case .problem: reader.read { $0.pointee.problem }
        default: break
        }
    }
}

extension ApplicationsModel.Link: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .label: reader.read { $0.pointee.label }
        case .address: reader.read { $0.pointee.address }
        default: break
        }
    }
}

extension AppliedModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .sendsEmail: reader.read { $0.pointee.sendsEmail }
        default: break
        }
    }
}

extension ApplyModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .action: reader.read { $0.pointee.action }
        case .programme: reader.read { $0.pointee.programme }
        case .organisation: reader.read { $0.pointee.organisation }
        case .keptFor: reader.read { $0.pointee.keptFor }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .contact: reader.read { $0.pointee.contact }
        case .note: reader.read { $0.pointee.note }
        case .nameError: reader.read { $0.pointee.nameError }
        case .emailError: reader.read { $0.pointee.emailError }
        case .contactError: reader.read { $0.pointee.contactError }
        case .noteError: reader.read { $0.pointee.noteError }
        case .problem: reader.read { $0.pointee.problem }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}
