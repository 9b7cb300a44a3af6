import Foundation
import WaymarkProgress
import WaymarkStore

/// The DBS record page: the few facts kept about a trainee's check, the working notes, the form
/// to record them and who has looked. Only coordinators reach it; every view is audited.
struct VettingModel {
    struct Choice {
        var value: String
        var label: String
        var checked: Bool
    }

    struct NoteLine {
        var text: String
        var by: String
        var date: String
    }

    struct ViewingLine {
        var what: String
        var who: String
        var date: String
    }

    var id: String
    var name: String
    var today: String
    /// The record as kept, if there is one.
    var hasRecord: Bool
    var recordLevel = ""
    var recordNumber = ""
    var recordIssued = ""
    var recordDecision = ""
    var recordDecidedBy = ""
    // The form, with what was typed kept when it comes back with a problem.
    var levels: [Choice]
    var decisions: [Choice]
    var number: String
    var issued: String
    var numberError: String?
    var issuedError: String?
    var levelError: String?
    var decisionError: String?
    /// The working note as typed, kept when it comes back with a problem.
    var note = ""
    var noteError: String?
    var notes: [NoteLine]
    var viewings: [ViewingLine]

    var hasErrors: Bool { numberError != nil || issuedError != nil || levelError != nil || decisionError != nil || noteError != nil }

    static func label(_ level: VettingLevel) -> String {
        switch level {
        case .basic: "Basic"
        case .standard: "Standard"
        case .enhanced: "Enhanced"
        case .enhancedWithBarredLists: "Enhanced, with a check of the barred lists"
        }
    }

    static func label(_ decision: SuitabilityDecision) -> String {
        switch decision {
        case .suitable: "Suitable for this role"
        case .notYet: "Not yet"
        }
    }
}

/// What a coordinator typed into the DBS record form, checked.
struct VettingForm {
    var level: VettingLevel?
    var number: String
    var issued: String
    var decision: SuitabilityDecision?
    var issueDate: Date?
    var numberError: String?
    var issuedError: String?
    var levelError: String?
    var decisionError: String?

    init(_ form: FormFields, now: Date, dates: WebDates) {
        level = form["level"].flatMap(VettingLevel.init(rawValue:))
        // People type certificate numbers with spaces; DBS numbers are 12 digits.
        number = (form["number"] ?? "").filter { !$0.isWhitespace }
        issued = form["issued"] ?? ""
        // Never a decision that was not chosen: one missing or unknown is asked about.
        decision = form["decision"].flatMap(SuitabilityDecision.init(rawValue:))
        issueDate = dates.parse(issued)
        if level == nil { levelError = "Choose the level of the check." }
        if decision == nil { decisionError = "Choose the decision: suitable for this role, or not yet." }
        if number.count != 12 || !number.allSatisfy(\.isASCII) || !number.allSatisfy(\.isNumber) {
            numberError = "Enter the 12-digit certificate number, like 001234567890."
        }
        if let date = issueDate {
            if date > now { issuedError = "The issue date cannot be in the future." }
        } else {
            issuedError = "Enter the date on the certificate."
        }
    }

    var isValid: Bool { numberError == nil && issuedError == nil && levelError == nil && decisionError == nil }
}

extension VettingModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .name: reader.read { $0.pointee.name }
        case .today: reader.read { $0.pointee.today }
        case .hasRecord: reader.read { $0.pointee.hasRecord }
        case .recordLevel: reader.read { $0.pointee.recordLevel }
        case .recordNumber: reader.read { $0.pointee.recordNumber }
        case .recordIssued: reader.read { $0.pointee.recordIssued }
        case .recordDecision: reader.read { $0.pointee.recordDecision }
        case .recordDecidedBy: reader.read { $0.pointee.recordDecidedBy }
        case .levels: reader.read { $0.pointee.levels }
        case .decisions: reader.read { $0.pointee.decisions }
        case .number: reader.read { $0.pointee.number }
        case .issued: reader.read { $0.pointee.issued }
        case .numberError: reader.read { $0.pointee.numberError }
        case .issuedError: reader.read { $0.pointee.issuedError }
        case .levelError: reader.read { $0.pointee.levelError }
        case .decisionError: reader.read { $0.pointee.decisionError }
        case .note: reader.read { $0.pointee.note }
        case .noteError: reader.read { $0.pointee.noteError }
        case .notes: reader.read { $0.pointee.notes }
        case .viewings: reader.read { $0.pointee.viewings }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        default: break
        }
    }
}

extension VettingModel.Choice: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .checked: reader.read { $0.pointee.checked }
        default: break
        }
    }
}

extension VettingModel.NoteLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .text: reader.read { $0.pointee.text }
        case .by: reader.read { $0.pointee.by }
        case .date: reader.read { $0.pointee.date }
        default: break
        }
    }
}

extension VettingModel.ViewingLine: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .what: reader.read { $0.pointee.what }
        case .who: reader.read { $0.pointee.who }
        case .date: reader.read { $0.pointee.date }
        default: break
        }
    }
}
