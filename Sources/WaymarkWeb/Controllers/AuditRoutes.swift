import Foundation
import Hummingbird
import WaymarkStore

extension Web {
    /// The audit log, for admins: who did what to whom, and when, newest first; filtered by
    /// person (a name or email), action and days, 50 lines a page.
    func addAuditRoutes(to router: Router<WebContext>) {
        let admin = group(router, .only([.admin]))

        admin.get("/audit") { exchange in
            let filter = AuditFilter(
                person: exchange.query("person"),
                action: exchange.query("action"),
                from: exchange.query("from"),
                to: exchange.query("to"),
                page: exchange.query("page"),
                dates: dates
            )
            let found = filter.hasErrors ? AuditPage(entries: [], hasOlder: false) : try await store.auditLog(filter.query)
            var people = PeopleByID(store: store)
            var lines: [AuditLogModel.Line] = []
            for entry in found.entries {
                lines.append(AuditLogModel.Line(when: dates.dayAndTime(entry.at), words: try await people.sentence(entry)))
            }
            let model = AuditLogModel(
                person: filter.person,
                actions: try await store.auditActions().map {
                    AuditLogModel.ActionOption(value: $0, label: AuditWording.label($0), selected: $0 == filter.action)
                },
                from: filter.from,
                to: filter.to,
                fromError: filter.fromError,
                toError: filter.toError,
                hasErrors: filter.hasErrors,
                lines: lines,
                isEmpty: lines.isEmpty,
                newerLink: filter.page > 1 ? filter.link(page: filter.page - 1) : nil,
                olderLink: found.hasOlder ? filter.link(page: filter.page + 1) : nil,
                pageNumber: filter.page
            )
            return page("audit", model, title: "Audit log", exchange, status: filter.hasErrors ? .badRequest : .ok)
        }
    }
}

/// People looked up once each while a page is built, and an audit line in their words:
/// "Sam Ahmed (coordinator) recorded a DBS check for Jo Bloggs".
struct PeopleByID<Store: PeopleStore> {
    let store: Store
    private var found: [String: Person?] = [:]

    init(store: Store) {
        self.store = store
    }

    mutating func person(_ id: String) async throws -> Person? {
        if let known = found[id] { return known }
        let person = try await store.person(id: id)
        found[id] = person
        return person
    }

    /// A person's name as a line shows it; an erased person is not named (their name is gone).
    mutating func name(_ id: String) async throws -> String {
        guard let person = try await person(id) else { return PersonalDataReader<AnyWaymarkStore>.nameOfSomeoneNotAPerson(id) }
        return person.email.hasSuffix("@invalid") ? "a person whose data was erased" : person.name
    }

    mutating func sentence(_ entry: AuditEntry) async throws -> String {
        var actor = try await name(entry.actorID)
        if let roles = try await person(entry.actorID)?.roles, !roles.isEmpty {
            actor += " (\(roles.sorted().map(\.rawValue).joined(separator: ", ")))"
        }
        let subject: String? =
            if let id = entry.subjectID { id == entry.actorID ? "themselves" : try await name(id) } else { nil }
        return actor + " " + AuditWording.line(entry.action, about: subject)
    }
}
