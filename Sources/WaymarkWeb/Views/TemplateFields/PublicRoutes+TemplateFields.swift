// The page models declared in Controllers/PublicRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension Web.HomeModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .home: reader.read { $0.pointee.home }
        default: break
        }
    }
}

extension Web.VerifyModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .typed: reader.read { $0.pointee.typed }
        case .problem: reader.read { $0.pointee.problem }
        default: break
        }
    }
}
