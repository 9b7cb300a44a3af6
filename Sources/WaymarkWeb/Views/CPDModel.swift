import Foundation
import WaymarkProgress

/// The CPD page: hours of learning logged since the certificate, toward renewing it.
struct CPDModel {
    struct Entry {
        var date: String
        var hours: String
        var activity: String
    }

    /// Whether the trainee can log hours now: they hold a certificate that renews with CPD.
    var canLog: Bool
    var doneHours: String
    var neededHours: String
    var entries: [Entry]
    var date: String
    var hours = ""
    var activity = ""
    var dateError: String?
    var hoursError: String?
    var activityError: String?
    var hasErrors: Bool { dateError != nil || hoursError != nil || activityError != nil }
    /// How the typed date is read, in the organisation's time zone.
    private let dates: WebDates

    init(_ view: TraineeView, date: String) {
        dates = view.dates
        let requirement = view.status.renewal?.requirements.first { $0.id == "renewal:cpd" }
        canLog = view.access.refusal(.logCPD) == nil
        doneHours = PracticeModel.hours(requirement?.done ?? 0)
        neededHours = PracticeModel.hours(requirement?.needed ?? view.programme.certificate.renewal?.cpdHours ?? 0)
        entries = view.events.reversed().compactMap { event in
            guard case .cpdLogged(let on, let hours, let activity) = event.kind else { return nil }
            return Entry(date: view.dates.day(on), hours: PracticeModel.hours(hours), activity: activity)
        }
        self.date = date
    }

    /// Checks what was typed; the hours and date when all is well.
    mutating func check(date typedDate: String, hours typedHours: String, activity typedActivity: String, now: Date) -> (Date, Double)? {
        date = typedDate
        hours = typedHours
        activity = typedActivity
        let day = dates.parse(typedDate)
        if let day {
            if day > now.addingTimeInterval(86_400) {
                dateError = "The date cannot be in the future."
            } else if day < now.addingTimeInterval(-5 * 366 * 86_400) {
                dateError = "The date is more than five years ago. Check the year."
            }
        } else {
            dateError = "Enter the date, like 26/11/2026."
        }
        let value = RequestNumbers.decimal(typedHours, in: 0.25...100).map { ($0 * 4).rounded() / 4 }
        if value == nil {
            hoursError = "Enter the hours as a number from 0.25 to 100, like 1.5."
        }
        var checked = ""
        switch FreeText.shortText.check(typedActivity) {
        case .problem(let problem): activityError = problem
        case .text(let text):
            checked = text
            if text.isEmpty { activityError = "Say what you did, like \"safeguarding refresher course\"." }
        }
        guard !hasErrors, let day, let value else { return nil }
        activity = checked
        return (day, value)
    }
}

extension CPDModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .canLog: reader.read { $0.pointee.canLog }
        case .doneHours: reader.read { $0.pointee.doneHours }
        case .neededHours: reader.read { $0.pointee.neededHours }
        case .entries: reader.read { $0.pointee.entries }
        case .date: reader.read { $0.pointee.date }
        case .hours: reader.read { $0.pointee.hours }
        case .activity: reader.read { $0.pointee.activity }
        case .dateError: reader.read { $0.pointee.dateError }
        case .hoursError: reader.read { $0.pointee.hoursError }
        case .activityError: reader.read { $0.pointee.activityError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension CPDModel.Entry: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .date: reader.read { $0.pointee.date }
        case .hours: reader.read { $0.pointee.hours }
        case .activity: reader.read { $0.pointee.activity }
        default: break
        }
    }
}
