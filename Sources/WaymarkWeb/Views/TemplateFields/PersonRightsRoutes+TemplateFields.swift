// The page models declared in Controllers/PersonRightsRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension ErasureModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .isErased: reader.read { $0.pointee.isErased }
        case .refusal: reader.read { $0.pointee.refusal }
        default: break
        }
    }
}

extension PersonModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .roles: reader.read { $0.pointee.roles }
        case .account: reader.read { $0.pointee.account }
        case .isErased: reader.read { $0.pointee.isErased }
        case .auditLink: reader.read { $0.pointee.auditLink }
        case .application: reader.read { $0.pointee.application }
        case .canInvite: reader.read { $0.pointee.canInvite }
        case .invited: reader.read { $0.pointee.invited }
        case .problem: reader.read { $0.pointee.problem }
        default: break
        }
    }
}
