// The page models declared in Views/CoordinatorModels.swift, as templates read them: each switch
// lists the names a template may use.

extension CohortModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .rows: reader.read { $0.pointee.rows }
        case .total: reader.read { $0.pointee.total }
        case .programmes: reader.read { $0.pointee.programmes }
        case .stages: reader.read { $0.pointee.stages }
        case .pageNumber: reader.read { $0.pointee.pageNumber }
        case .pageCount: reader.read { $0.pointee.pageCount }
        case .previousPage: reader.read { $0.pointee.previousPage }
        case .nextPage: reader.read { $0.pointee.nextPage }
        case .showingFrom: reader.read { $0.pointee.showingFrom }
        case .showingTo: reader.read { $0.pointee.showingTo }
        default: break
        }
    }
}

extension CohortModel.Choice: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .selected: reader.read { $0.pointee.selected }
        default: break
        }
    }
}

extension CohortModel.Row: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .traineeID: reader.read { $0.pointee.traineeID }
        case .name: reader.read { $0.pointee.name }
        case .stage: reader.read { $0.pointee.stage }
        case .nextStep: reader.read { $0.pointee.nextStep }
        case .lastActivity: reader.read { $0.pointee.lastActivity }
        case .warnings: reader.read { $0.pointee.warnings }
        default: break
        }
    }
}

extension ReviewListModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .items: reader.read { $0.pointee.items }
        default: break
        }
    }
}

extension ReviewListModel.Item: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        case .traineeID: reader.read { $0.pointee.traineeID }
        case .promptID: reader.read { $0.pointee.promptID }
        case .prompt: reader.read { $0.pointee.prompt }
        default: break
        }
    }
}

extension ReviewModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .traineeID: reader.read { $0.pointee.traineeID }
        case .name: reader.read { $0.pointee.name }
        case .promptID: reader.read { $0.pointee.promptID }
        case .prompt: reader.read { $0.pointee.prompt }
        case .text: reader.read { $0.pointee.text }
        case .accepted: reader.read { $0.pointee.accepted }
        case .revisit: reader.read { $0.pointee.revisit }
        case .feedback: reader.read { $0.pointee.feedback }
        case .outcomeError: reader.read { $0.pointee.outcomeError }
        case .feedbackError: reader.read { $0.pointee.feedbackError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension TraineeRecordModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .email: reader.read { $0.pointee.email }
        case .programme: reader.read { $0.pointee.programme }
        case .stage: reader.read { $0.pointee.stage }
        case .nextSteps: reader.read { $0.pointee.nextSteps }
        case .missing: reader.read { $0.pointee.missing }
        case .timeline: reader.read { $0.pointee.timeline }
        case .checks: reader.read { $0.pointee.checks }
        case .hasCertificate: reader.read { $0.pointee.hasCertificate }
        case .canIssue: reader.read { $0.pointee.canIssue }
        case .canSuspend: reader.read { $0.pointee.canSuspend }
        case .canReinstate: reader.read { $0.pointee.canReinstate }
        case .canRevoke: reader.read { $0.pointee.canRevoke }
        case .awaitingReview: reader.read { $0.pointee.awaitingReview }
        case .triesUsedUp: reader.read { $0.pointee.triesUsedUp }
        case .today: reader.read { $0.pointee.today }
        case .problems: reader.read { $0.pointee.problems }
        case .outcomeComplete: reader.read { $0.pointee.outcomeComplete }
        case .outcomeFollowUp: reader.read { $0.pointee.outcomeFollowUp }
        case .checkNote: reader.read { $0.pointee.checkNote }
        case .checkError: reader.read { $0.pointee.checkError }
        case .outcomeError: reader.read { $0.pointee.outcomeError }
        case .noteError: reader.read { $0.pointee.noteError }
        case .decisionSuitable: reader.read { $0.pointee.decisionSuitable }
        case .decisionNotYet: reader.read { $0.pointee.decisionNotYet }
        case .rationale: reader.read { $0.pointee.rationale }
        case .revisit: reader.read { $0.pointee.revisit }
        case .decisionError: reader.read { $0.pointee.decisionError }
        case .rationaleError: reader.read { $0.pointee.rationaleError }
        case .revisitError: reader.read { $0.pointee.revisitError }
        case .certificateReason: reader.read { $0.pointee.certificateReason }
        case .reasonError: reader.read { $0.pointee.reasonError }
        case .certificateError: reader.read { $0.pointee.certificateError }
        case .application: reader.read { $0.pointee.application }
        default: break
        }
    }
}

extension TraineeRecordModel.Line: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .date: reader.read { $0.pointee.date }
        case .what: reader.read { $0.pointee.what }
        case .who: reader.read { $0.pointee.who }
        case .why: reader.read { $0.pointee.why }
        default: break
        }
    }
}

extension TraineeRecordModel.Option: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .selected: reader.read { $0.pointee.selected }
        default: break
        }
    }
}

extension TraineeRecordModel.TryOption: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .tryReason: reader.read { $0.pointee.tryReason }
        case .tryReasonError: reader.read { $0.pointee.tryReasonError }
        default: break
        }
    }
}
