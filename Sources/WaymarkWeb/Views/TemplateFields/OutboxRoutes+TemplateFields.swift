// The page models declared in Controllers/OutboxRoutes.swift, as templates read them: each switch
// lists the names a template may use.

extension OutboxModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .sendsEmail: reader.read { $0.pointee.sendsEmail }
        case .waiting: reader.read { $0.pointee.waiting }
        case .sent: reader.read { $0.pointee.sent }
        case .failed: reader.read { $0.pointee.failed }
        case .failures: reader.read { $0.pointee.failures }
        case .problem: reader.read { $0.pointee.problem }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        case .hasFailures: reader.read { $0.pointee.hasFailures }
        default: break
        }
    }
}

extension OutboxModel.Row: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .address: reader.read { $0.pointee.address }
        case .kind: reader.read { $0.pointee.kind }
        case .created: reader.read { $0.pointee.created }
        case .attempts: reader.read { $0.pointee.attempts }
        case .error: reader.read { $0.pointee.error }
        case .canRetry: reader.read { $0.pointee.canRetry }
        default: break
        }
    }
}
