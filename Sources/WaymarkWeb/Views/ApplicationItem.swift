import Foundation
import WaymarkStore

/// What an applicant wrote on the public form, as coordinators and admins read it on the
/// person's page.
struct ApplicationItem {
    var sentOn: String
    var contact: String
    var note: String

    init(_ details: ApplicationDetails) {
        sentOn = WebDates.day(details.submittedAt)
        contact = details.contact.isEmpty ? "They did not say." : details.contact
        note = details.note.isEmpty ? "They did not write anything." : details.note
    }
}
