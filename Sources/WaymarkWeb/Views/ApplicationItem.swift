import Foundation
import WaymarkStore

/// What an applicant wrote on the public form, as coordinators and admins read it on the
/// person's page.
struct ApplicationItem {
    var sentOn: String
    var contact: String
    var note: String

    init(_ details: ApplicationDetails, dates: WebDates) {
        sentOn = dates.day(details.submittedAt)
        contact = details.contact.isEmpty ? "They did not say." : details.contact
        note = details.note.isEmpty ? "They did not write anything." : details.note
    }
}

extension ApplicationItem: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .sentOn: reader.read { $0.pointee.sentOn }
        case .contact: reader.read { $0.pointee.contact }
        case .note: reader.read { $0.pointee.note }
        default: break
        }
    }
}
