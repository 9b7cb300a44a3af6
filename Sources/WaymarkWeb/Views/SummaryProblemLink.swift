/// A problem in the error summary at the top of a page, linked to the field it is about.
struct SummaryProblemLink {
    var href: String
    var text: String
}

extension SummaryProblemLink: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .href: reader.read { $0.pointee.href }
        case .text: reader.read { $0.pointee.text }
        default: break
        }
    }
}
