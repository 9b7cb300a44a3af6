import Foundation
import WaymarkStore

/// The audit log page: who did what to whom, and when, newest first, with the filters as they
/// were chosen and plain Newer and Older links (a GET form: no JavaScript).
struct AuditLogModel {
    struct Line {
        var when: String
        var words: String
    }

    struct ActionOption {
        var value: String
        var label: String
        var selected: Bool
    }

    var person: String
    var actions: [ActionOption]
    var from: String
    var to: String
    var fromError: String?
    var toError: String?
    var hasErrors: Bool
    var lines: [Line]
    var isEmpty: Bool
    var newerLink: String?
    var olderLink: String?
    var pageNumber: Int
}

/// What the audit page's filter form asked for, checked: the dates are days in the
/// organisation's time zone, "to" included.
struct AuditFilter {
    static let perPage = 50

    var person: String
    var action: String
    var from: String
    var to: String
    var page: Int
    var fromError: String?
    var toError: String?
    var query: AuditQuery

    init(person: String?, action: String?, from: String?, to: String?, page: String?, dates: WebDates) {
        self.person = (person ?? "").trimmingCharacters(in: .whitespaces)
        self.action = action ?? ""
        self.from = from ?? ""
        self.to = to ?? ""
        // Page numbers past what anyone could page through are read as the last sensible one.
        self.page = RequestNumbers.whole(page, in: 1...100_000) ?? 1
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = dates.timeZone
        var start: Date?
        var end: Date?
        if !self.from.isEmpty {
            if let day = dates.parse(self.from) {
                start = calendar.startOfDay(for: day)
            } else {
                fromError = "Enter the first day like 2026-11-26, or leave it empty."
            }
        }
        if !self.to.isEmpty {
            if let day = dates.parse(self.to) {
                end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: day))
            } else {
                toError = "Enter the last day like 2026-11-26, or leave it empty."
            }
        }
        if let start, let end, end <= start { toError = "The last day cannot be before the first day." }
        query = AuditQuery(
            personText: self.person.isEmpty ? nil : String(self.person.prefix(254)),
            action: self.action.isEmpty ? nil : self.action,
            from: start,
            before: end,
            offset: (self.page - 1) * Self.perPage,
            limit: Self.perPage
        )
    }

    var hasErrors: Bool { fromError != nil || toError != nil }

    /// This filter's address on another page.
    func link(page: Int) -> String {
        var parts: [(String, String)] = []
        if !person.isEmpty { parts.append(("person", person)) }
        if !action.isEmpty { parts.append(("action", action)) }
        if !from.isEmpty { parts.append(("from", from)) }
        if !to.isEmpty { parts.append(("to", to)) }
        if page > 1 { parts.append(("page", String(page))) }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        let query = parts.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return query.isEmpty ? "/audit" : "/audit?\(query)"
    }
}

extension AuditLogModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .person: reader.read { $0.pointee.person }
        case .actions: reader.read { $0.pointee.actions }
        case .from: reader.read { $0.pointee.from }
        case .to: reader.read { $0.pointee.to }
        case .fromError: reader.read { $0.pointee.fromError }
        case .toError: reader.read { $0.pointee.toError }
        case .hasErrors: reader.read { $0.pointee.hasErrors }
        case .lines: reader.read { $0.pointee.lines }
        case .isEmpty: reader.read { $0.pointee.isEmpty }
        case .newerLink: reader.read { $0.pointee.newerLink }
        case .olderLink: reader.read { $0.pointee.olderLink }
        case .pageNumber: reader.read { $0.pointee.pageNumber }
        default: break
        }
    }
}

extension AuditLogModel.ActionOption: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .value: reader.read { $0.pointee.value }
        case .label: reader.read { $0.pointee.label }
        case .selected: reader.read { $0.pointee.selected }
        default: break
        }
    }
}

extension AuditLogModel.Line: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .when: reader.read { $0.pointee.when }
        case .words: reader.read { $0.pointee.words }
        default: break
        }
    }
}
