// The page models declared in Views/AssessmentModels.swift, as templates read them: each switch
// lists the names a template may use.

extension AssessmentModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .module: reader.read { $0.pointee.module }
        case .title: reader.read { $0.pointee.title }
        case .introductionHTML: reader.read { $0.pointee.introductionHTML }
        case .questions: reader.read { $0.pointee.questions }
        case .passMark: reader.read { $0.pointee.passMark }
        case .canTry: reader.read { $0.pointee.canTry }
        case .waitUntil: reader.read { $0.pointee.waitUntil }
        case .noTriesLeft: reader.read { $0.pointee.noTriesLeft }
        case .triesNote: reader.read { $0.pointee.triesNote }
        case .problems: reader.read { $0.pointee.problems }
        case .blanksNote: reader.read { $0.pointee.blanksNote }
        case .blanks: reader.read { $0.pointee.blanks }
        case .passedAlready: reader.read { $0.pointee.passedAlready }
        case .moduleHref: reader.read { $0.pointee.moduleHref }
        case .homeHref: reader.read { $0.pointee.homeHref }
        default: break
        }
    }
}

extension AssessmentModel.Option: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .checked: reader.read { $0.pointee.checked }
        default: break
        }
    }
}

extension AssessmentModel.QuestionModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .number: reader.read { $0.pointee.number }
        case .field: reader.read { $0.pointee.field }
        case .promptHTML: reader.read { $0.pointee.promptHTML }
        case .kindHint: reader.read { $0.pointee.kindHint }
        case .isSingle: reader.read { $0.pointee.isSingle }
        case .isMultiple: reader.read { $0.pointee.isMultiple }
        case .isTrueFalse: reader.read { $0.pointee.isTrueFalse }
        case .isText: reader.read { $0.pointee.isText }
        case .isNumber: reader.read { $0.pointee.isNumber }
        case .isRows: reader.read { $0.pointee.isRows }
        case .isBlanks: reader.read { $0.pointee.isBlanks }
        case .isReflection: reader.read { $0.pointee.isReflection }
        case .isInformation: reader.read { $0.pointee.isInformation }
        case .options: reader.read { $0.pointee.options }
        case .rows: reader.read { $0.pointee.rows }
        case .pieces: reader.read { $0.pointee.pieces }
        case .unit: reader.read { $0.pointee.unit }
        case .guidance: reader.read { $0.pointee.guidance }
        case .typed: reader.read { $0.pointee.typed }
        case .isTrue: reader.read { $0.pointee.isTrue }
        case .isFalse: reader.read { $0.pointee.isFalse }
        case .problem: reader.read { $0.pointee.problem }
        default: break
        }
    }
}

extension AssessmentModel.Row: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        case .label: reader.read { $0.pointee.label }
        case .options: reader.read { $0.pointee.options }
        default: break
        }
    }
}

extension ResultModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .module: reader.read { $0.pointee.module }
        case .title: reader.read { $0.pointee.title }
        case .percent: reader.read { $0.pointee.percent }
        case .best: reader.read { $0.pointee.best }
        case .passed: reader.read { $0.pointee.passed }
        case .headline: reader.read { $0.pointee.headline }
        case .encouragement: reader.read { $0.pointee.encouragement }
        case .items: reader.read { $0.pointee.items }
        case .canRetake: reader.read { $0.pointee.canRetake }
        case .waitUntil: reader.read { $0.pointee.waitUntil }
        case .moduleHref: reader.read { $0.pointee.moduleHref }
        case .homeHref: reader.read { $0.pointee.homeHref }
        default: break
        }
    }
}

extension ResultModel.Item: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .number: reader.read { $0.pointee.number }
        case .promptHTML: reader.read { $0.pointee.promptHTML }
        case .outcome: reader.read { $0.pointee.outcome }
        case .outcomeClass: reader.read { $0.pointee.outcomeClass }
        case .yourAnswer: reader.read { $0.pointee.yourAnswer }
        case .feedback: reader.read { $0.pointee.feedback }
        case .blankLines: reader.read { $0.pointee.blankLines }
        default: break
        }
    }
}
