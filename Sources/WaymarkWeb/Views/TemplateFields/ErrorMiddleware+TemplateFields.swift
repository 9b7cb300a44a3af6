// The page models declared in Security/ErrorMiddleware.swift, as templates read them: each switch
// lists the names a template may use.

extension ErrorMiddleware.ErrorModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .heading: reader.read { $0.pointee.heading }
        case .explanation: reader.read { $0.pointee.explanation }
        case .home: reader.read { $0.pointee.home }
        default: break
        }
    }
}
