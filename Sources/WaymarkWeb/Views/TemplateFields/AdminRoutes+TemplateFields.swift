// The page models declared in Controllers/AdminRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension DeactivationModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .isSelf: reader.read { $0.pointee.isSelf }
        case .isActive: reader.read { $0.pointee.isActive }
        default: break
        }
    }
}

extension PeopleModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .people: reader.read { $0.pointee.people }
        case .programmes: reader.read { $0.pointee.programmes }
        case .supervisors: reader.read { $0.pointee.supervisors }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .nameError: reader.read { $0.pointee.nameError }
        case .emailError: reader.read { $0.pointee.emailError }
        case .roleError: reader.read { $0.pointee.roleError }
        case .supervisorError: reader.read { $0.pointee.supervisorError }
        case .programmeError: reader.read { $0.pointee.programmeError }
        case .invited: reader.read { $0.pointee.invited }
        case .chosenRoles: reader.read { $0.pointee.chosenRoles }
        case .rowProblems: reader.read { $0.pointee.rowProblems }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        case .roleChoices: reader.read { $0.pointee.roleChoices }
        default: break
        }
    }
}

extension PeopleModel.Invited: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        case .link: reader.read { $0.pointee.link }
        case .emailed: reader.read { $0.pointee.emailed }
        default: break
        }
    }
}

extension PeopleModel.Option: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .selected: reader.read { $0.pointee.selected }
        default: break
        }
    }
}

extension PeopleModel.ProblemLink: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .href: reader.read { $0.pointee.href }
        case .text: reader.read { $0.pointee.text }
        default: break
        }
    }
}

extension PeopleModel.RoleBox: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .checked: reader.read { $0.pointee.checked }
        default: break
        }
    }
}

extension PeopleModel.Row: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .active: reader.read { $0.pointee.active }
        case .roles: reader.read { $0.pointee.roles }
        case .rolesError: reader.read { $0.pointee.rolesError }
        case .accountError: reader.read { $0.pointee.accountError }
        default: break
        }
    }
}
