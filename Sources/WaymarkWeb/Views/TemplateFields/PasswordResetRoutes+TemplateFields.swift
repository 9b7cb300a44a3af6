// The page models declared in Controllers/PasswordResetRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension Web.ForgottenModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .email: reader.read { $0.pointee.email }
        case .emailError: reader.read { $0.pointee.emailError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension Web.ForgottenSentModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .emailed: reader.read { $0.pointee.emailed }
        default: break
        }
    }
}
