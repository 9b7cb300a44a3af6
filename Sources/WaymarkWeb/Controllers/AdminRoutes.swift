import Foundation
import Hummingbird
import WaymarkCurriculum
import WaymarkStore

extension Web {
    func addAdminRoutes(to router: Router<WebContext>) {
        let admin = Access.only([.admin])

        add(router, .get, "/people", admin) { exchange in
            page("people", try await peopleModel(), title: "People", exchange, notice: exchange.query("notice").flatMap(Notices.text))
        }

        add(router, .post, "/people", admin) { exchange in
            var model = try await peopleModel()
            model.name = exchange.form.trimmed("name") ?? ""
            model.email = exchange.form.trimmed("email") ?? ""
            let roles = Set(exchange.form.all("role").compactMap(Role.init(rawValue:)))
            // Back with what was chosen, not only what was typed.
            model.chosenRoles = roles.map(\.rawValue)
            let supervisor = exchange.form["supervisor"].flatMap { $0.isEmpty ? nil : $0 }
            for index in model.supervisors.indices { model.supervisors[index].selected = model.supervisors[index].value == supervisor }
            for index in model.programmes.indices { model.programmes[index].selected = model.programmes[index].value == exchange.form["programme"] }
            if let supervisor, !model.supervisors.contains(where: { $0.value == supervisor }) {
                // Checked before anyone is added: an unknown supervisor used to fail after the person existed.
                model.supervisorError = "Choose a supervisor from the list, or none yet."
            }
            if model.name.isEmpty { model.nameError = "Enter their name." }
            if !model.email.contains("@") { model.emailError = "Enter an email address, like name@example.org." }
            if roles.isEmpty { model.roleError = "Choose at least one role." }
            let programme = exchange.form["programme"].flatMap(curriculum.current.programme) ?? curriculum.current.programmes.first
            if roles.contains(.trainee) && programme == nil { model.roleError = "There is no programme to put a trainee on." }
            guard !model.hasErrors else { return page("people", model, title: "People", exchange, status: .badRequest) }
            let person: Person
            do {
                person = try await store.addPerson(NewPerson(name: model.name, email: model.email, roles: roles, passwordHash: nil), at: now())
            } catch StoreError.duplicateEmail {
                model.emailError = "Someone already uses this email address."
                return page("people", model, title: "People", exchange, status: .badRequest)
            }
            if roles.contains(.trainee), let programme {
                try await TraineeRecords(store: store).enrol(person.id, on: programme, supervisorID: supervisor, at: now())
            }
            let link = try await makeLink(.invite, for: person.id)
            var done = try await peopleModel()
            // A full address, ready to paste into a message; a path alone means nothing in an email.
            done.invited = PeopleModel.Invited(name: person.name, link: certificates.issuer.baseURL + link)
            return page("people", done, title: "People", exchange)
        }

        add(router, .post, "/people/:person/roles", admin) { exchange in
            let id = try exchange.parameter("person")
            guard try await store.person(id: id) != nil else { throw WebError.notFound }
            let roles = Set(exchange.form.all("role").compactMap(Role.init(rawValue:)))
            guard !roles.isEmpty else { return redirect("/people") }
            if id == (try exchange.person.id), !roles.contains(.admin) { return redirect("/people") }  // nobody locks themselves out
            try await store.setRoles(personID: id, roles: roles, by: try exchange.person.id, at: now())
            return redirect("/people")
        }

        add(router, .post, "/people/:person/active", admin) { exchange in
            let id = try exchange.parameter("person")
            guard try await store.person(id: id) != nil else { throw WebError.notFound }
            guard id != (try exchange.person.id) else { return redirect("/people") }
            try await store.setActive(personID: id, active: exchange.form["active"] == "true", by: try exchange.person.id, at: now())
            return redirect("/people")
        }

        // Signs a person out on every device: a lost phone, a computer left signed in.
        add(router, .post, "/people/:person/sessions", admin) { exchange in
            let id = try exchange.parameter("person")
            guard try await store.person(id: id) != nil else { throw WebError.notFound }
            try await store.endSessions(personID: id, by: try exchange.person.id, at: now())
            return redirect("/people?notice=signed-out")
        }
    }

    func peopleModel() async throws -> PeopleModel {
        let everyone = try await store.people(withRole: nil)
        return PeopleModel(
            people: everyone.filter { !$0.email.hasSuffix("@invalid") }.map { person in
                PeopleModel.Row(
                    id: person.id,
                    name: person.name,
                    email: person.email,
                    active: person.isActive,
                    roles: Role.allCases.map {
                        PeopleModel.RoleBox(value: $0.rawValue, label: $0.rawValue.capitalized, checked: person.roles.contains($0))
                    }
                )
            },
            programmes: curriculum.current.programmes.map { PeopleModel.Option(value: $0.id, label: $0.title) },
            supervisors: everyone.filter { $0.roles.contains(.supervisor) && $0.isActive }.map { PeopleModel.Option(value: $0.id, label: $0.name) }
        )
    }
}

/// People, their roles, and the invite form.
struct PeopleModel {
    struct RoleBox {
        var value: String
        var label: String
        var checked: Bool
    }

    struct Row {
        var id: String
        var name: String
        var email: String
        var active: Bool
        var roles: [RoleBox]
    }

    struct Option {
        var value: String
        var label: String
        var selected = false
    }

    struct Invited {
        var name: String
        var link: String
    }

    var people: [Row]
    var programmes: [Option]
    var supervisors: [Option]
    var name = ""
    var email = ""
    var nameError: String?
    var emailError: String?
    var roleError: String?
    var supervisorError: String?
    var invited: Invited?
    var chosenRoles: [String] = []
    var hasErrors: Bool { nameError != nil || emailError != nil || roleError != nil || supervisorError != nil }
    var roleChoices: [RoleBox] {
        Role.allCases.map { RoleBox(value: $0.rawValue, label: $0.rawValue.capitalized, checked: chosenRoles.contains($0.rawValue)) }
    }
}
