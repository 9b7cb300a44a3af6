// The page models declared in Controllers/AuthRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension Web.InviteModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .action: reader.read { $0.pointee.action }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .heading: reader.read { $0.pointee.heading }
        case .intro: reader.read { $0.pointee.intro }
        case .button: reader.read { $0.pointee.button }
        case .passwordError: reader.read { $0.pointee.passwordError }
        case .confirmError: reader.read { $0.pointee.confirmError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension Web.LoginModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .email: reader.read { $0.pointee.email }
        case .next: reader.read { $0.pointee.next }
        case .problem: reader.read { $0.pointee.problem }
        case .emailError: reader.read { $0.pointee.emailError }
        case .passwordError: reader.read { $0.pointee.passwordError }
        case .keptPath: reader.read { $0.pointee.keptPath }
        case .kept: reader.read { $0.pointee.kept }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension Web.MessageModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .heading: reader.read { $0.pointee.heading }
        case .text: reader.read { $0.pointee.text }
        default: break
        }
    }
}

extension Web.ResendModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .action: reader.read { $0.pointee.action }
        case .kept: reader.read { $0.pointee.kept }
        case .writing: reader.read { $0.pointee.writing }
        case .home: reader.read { $0.pointee.home }
        default: break
        }
    }
}

extension Web.SetupModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .action: reader.read { $0.pointee.action }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .nameError: reader.read { $0.pointee.nameError }
        case .emailError: reader.read { $0.pointee.emailError }
        case .passwordError: reader.read { $0.pointee.passwordError }
        case .confirmError: reader.read { $0.pointee.confirmError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}
