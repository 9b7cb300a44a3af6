import Foundation
import Hummingbird
import WaymarkActions
import WaymarkCurriculum
import WaymarkStore

extension Web {
    func addAdminRoutes(to router: Router<WebContext>) {
        let admin = group(router, .only([.admin]))

        admin.get("/people") { exchange in
            page("people", try await peopleModel(), title: "People", exchange, notice: try await peopleNotice(exchange))
        }

        admin.post("/people") { exchange in
            var model = try await peopleModel()
            model.name = exchange.form["name"] ?? ""
            model.email = exchange.form["email"] ?? ""
            let name = PersonFields.name(model.name, missing: "Enter their name.", error: &model.nameError)
            let email = PersonFields.email(model.email, error: &model.emailError)
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
            if roles.isEmpty { model.roleError = "Choose at least one role." }
            let programme = exchange.form["programme"].flatMap(curriculum.current.programme)
            if roles.contains(.trainee) && programme == nil {
                // Never a programme they did not choose: an unknown one is asked about, not guessed.
                if curriculum.current.programmes.isEmpty {
                    model.roleError = "There is no programme to put a trainee on."
                } else {
                    model.programmeError = "Choose the programme the trainee is on."
                }
            }
            guard !model.hasErrors else { return page("people", model, title: "People", exchange, status: .badRequest) }
            let person: Person
            do {
                person = try await store.addPerson(NewPerson(name: name, email: email, roles: roles, passwordHash: nil), at: now())
            } catch StoreError.duplicateEmail {
                model.emailError = "Someone already uses this email address."
                return page("people", model, title: "People", exchange, status: .badRequest)
            }
            if roles.contains(.trainee), let programme {
                try await Enrolments(store: store).enrol(person.id, on: programme, supervisorID: supervisor, at: now())
            }
            // The invite email goes into the outbox with the link; the link is shown here too,
            // to pass on by hand when email is not set up (or does not arrive).
            let link = try await makeLink(.invite, for: person.id) { path in [mailWords.invite(to: person, path: path)] }
            var done = try await peopleModel()
            // A full address, ready to paste into a message; a path alone means nothing in an email.
            done.invited = PeopleModel.Invited(name: person.name, link: certificates.issuer.baseURL + link, emailed: sendsEmail)
            return page("people", done, title: "People", exchange)
        }

        admin.post("/people/:person/roles") { exchange in
            let id = try exchange.parameter("person")
            guard let person = try await store.person(id: id) else { throw WebError.notFound }
            let sent = exchange.form.all("role")
            let roles = Set(sent.compactMap(Role.init(rawValue:)))
            var problem: String?
            if roles.isEmpty || roles.count != Set(sent).count {
                problem = "Choose at least one role for \(person.name) from the list."
            } else if id == (try exchange.person.id), !roles.contains(.admin) {
                // Nobody locks themselves out of this page.
                problem = "You cannot take away your own admin role. Another admin can do that."
            }
            if let problem {
                var model = try await peopleModel()
                model.show(problem, on: id, field: "roles", chosenRoles: sent)
                return page("people", model, title: "People", exchange, status: .badRequest)
            }
            try await store.setRoles(personID: id, roles: roles, by: try exchange.person.id, at: now())
            return redirect("/people?notice=roles&person=\(id)#main")
        }

        // Asked first, on a page of its own: no JavaScript, so no pop-up "are you sure".
        admin.get("/people/:person/deactivate") { exchange in
            let id = try exchange.parameter("person")
            guard let person = try await store.person(id: id) else { throw WebError.notFound }
            let model = DeactivationModel(id: person.id, name: person.name, isSelf: id == (try exchange.person.id), isActive: person.isActive)
            return page("deactivate", model, title: "Deactivate \(person.name)", exchange)
        }

        admin.post("/people/:person/active") { exchange in
            let id = try exchange.parameter("person")
            guard let person = try await store.person(id: id) else { throw WebError.notFound }
            var problem: String?
            let active = ["true": true, "false": false][exchange.form["active"] ?? ""]
            if active == nil {
                problem = "We could not tell whether to activate or deactivate \(person.name). Nothing was changed. Please try again."
            } else if id == (try exchange.person.id) {
                problem = "You cannot deactivate your own account. Another admin can do that."
            }
            guard let active, problem == nil else {
                var model = try await peopleModel()
                model.show(problem ?? "", on: id, field: "account")
                return page("people", model, title: "People", exchange, status: .badRequest)
            }
            try await store.setActive(personID: id, active: active, by: try exchange.person.id, at: now())
            return redirect("/people?notice=\(active ? "activated" : "deactivated")&person=\(id)")
        }

        // Signs a person out on every device: a lost phone, a computer left signed in.
        admin.post("/people/:person/sessions") { exchange in
            let id = try exchange.parameter("person")
            guard try await store.person(id: id) != nil else { throw WebError.notFound }
            try await store.endSessions(personID: id, by: try exchange.person.id, at: now())
            return redirect("/people?notice=signed-out")
        }
    }

    /// What the last change on the People page did, naming the person it was done to. Only
    /// a code and an id come in the address; the words are Waymark's own.
    func peopleNotice(_ exchange: Exchange) async throws -> String? {
        guard let code = exchange.query("notice") else { return nil }
        guard ["roles", "activated", "deactivated"].contains(code) else { return Notices.text(code) }
        guard let id = exchange.query("person"), let person = try await store.person(id: id) else { return "Saved." }
        switch code {
        case "roles": return "\(person.name)'s roles are saved."
        case "activated": return "\(person.name) can sign in again."
        default:
            return "\(person.name) is deactivated. They can no longer sign in, and everything they did is kept. "
                + "To let them sign in again, press Activate beside their name."
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
        var rolesError: String?
        var accountError: String?
    }

    /// A problem with one person's row, in the summary at the top and linked to the row's field.
    struct ProblemLink {
        var href: String
        var text: String
    }

    struct Option {
        var value: String
        var label: String
        var selected = false
    }

    struct Invited {
        var name: String
        var link: String
        /// An email with the link is on its way (email is set up).
        var emailed: Bool
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
    var programmeError: String?
    var invited: Invited?
    var chosenRoles: [String] = []
    var rowProblems: [ProblemLink] = []
    var hasErrors: Bool {
        nameError != nil || emailError != nil || roleError != nil || supervisorError != nil || programmeError != nil || !rowProblems.isEmpty
    }
    var roleChoices: [RoleBox] {
        Role.allCases.map { RoleBox(value: $0.rawValue, label: $0.rawValue.capitalized, checked: chosenRoles.contains($0.rawValue)) }
    }
}

extension PeopleModel {
    /// Shows a problem with one person's roles or account beside it, keeping the roles ticked.
    mutating func show(_ problem: String, on personID: String, field: String, chosenRoles chosen: [String]? = nil) {
        guard let index = people.firstIndex(where: { $0.id == personID }) else { return }
        if field == "roles" {
            people[index].rolesError = problem
            if let chosen {
                for box in people[index].roles.indices { people[index].roles[box].checked = chosen.contains(people[index].roles[box].value) }
            }
        } else {
            people[index].accountError = problem
        }
        rowProblems.append(ProblemLink(href: "#\(field)-\(personID)", text: problem))
    }
}

/// The page that asks before a person is deactivated, saying plainly what will happen.
struct DeactivationModel {
    var id: String
    var name: String
    var isSelf: Bool
    var isActive: Bool
}
