// The page models declared in Security/KeptForm.swift, as templates read them: each switch
// lists the names a template may use.

extension KeptForm.Entry: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        case .value: reader.read { $0.pointee.value }
        default: break
        }
    }
}
