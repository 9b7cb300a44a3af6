import Foundation
import Hummingbird
import WaymarkActions
import WaymarkStore

extension Web {
    /// A person's rights under UK GDPR, for admins: a copy of everything held about them (as a
    /// page and as a JSON file; every copy is written in the audit log) and erasure, asked
    /// first on a page that names them and says what it does.
    func addPersonRightsRoutes(to router: Router<WebContext>) {
        let admin = group(router, .only([.admin]))

        admin.get("/people/:person") { exchange in
            let person = try await namedPerson(exchange)
            return page("person", try await personModel(person), title: person.name, exchange)
        }

        // A person who has not set a password yet (an applicant from the public form, or an
        // invite link that ran out) gets a new link to pass on, shown once as on the People page.
        admin.post("/people/:person/invite") { exchange in
            let person = try await namedPerson(exchange)
            var model = try await personModel(person)
            guard model.canInvite else {
                model.problem = "\(person.name) has a password already, or cannot sign in, so there is no link to make. Nothing was changed."
                return page("person", model, title: person.name, exchange, status: .conflict)
            }
            model.invited = certificates.issuer.baseURL + (try await makeLink(.invite, for: person.id))
            return page("person", model, title: person.name, exchange)
        }

        admin.get("/people/:person/data") { exchange in
            let data = try await personalData(exchange)
            var response = page(
                "persondata",
                PersonalDataModel(data, curriculum: curriculum.current, dates: dates),
                title: "Everything held about \(data.profile.name)",
                exchange
            )
            response.headers[.cacheControl] = "no-store"
            return response
        }

        admin.get("/people/:person/data.json") { exchange in
            let data = try await personalData(exchange)
            // A plain name: the person's own name in a file name would show in every download list.
            let file = "waymark-personal-data-\(dates.input(now())).json"
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json", .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: try data.json()))
            )
        }

        admin.get("/people/:person/erase") { exchange in
            let person = try await namedPerson(exchange)
            return page("erase", try await erasureModel(person, exchange), title: "Erase \(person.name)'s personal data", exchange)
        }

        admin.post("/people/:person/erase") { exchange in
            let person = try await namedPerson(exchange)
            do {
                try await PersonRights(store: store).erase(person.id, by: try exchange.person.id, at: now())
            } catch StoreError.refused(let why) {
                var model = try await erasureModel(person, exchange)
                model.refusal = why
                return page("erase", model, title: "Erase \(person.name)'s personal data", exchange, status: .conflict)
            }
            return redirect("/people?notice=erased")
        }
    }

    private func personModel(_ person: Person) async throws -> PersonModel {
        let isErased = person.email.hasSuffix("@invalid")
        return PersonModel(
            id: person.id,
            name: person.name,
            email: person.email,
            roles: person.roles.sorted().map(\.rawValue).joined(separator: ", "),
            account: person.isActive ? (person.passwordHash == nil ? "Has not set a password yet" : "Can sign in") : "Cannot sign in",
            isErased: isErased,
            auditLink: AuditFilter(person: person.email, action: nil, from: nil, to: nil, page: nil, dates: dates).link(page: 1),
            application: try await store.application(traineeID: person.id).map { ApplicationItem($0, dates: dates) },
            canInvite: person.isActive && person.passwordHash == nil && !isErased
        )
    }

    /// The person named in the path.
    private func namedPerson(_ exchange: Exchange) async throws -> Person {
        guard let person = try await store.person(id: try exchange.parameter("person")) else { throw WebError.notFound }
        return person
    }

    /// Everything held about the person in the path, with the look written in the audit log.
    private func personalData(_ exchange: Exchange) async throws -> PersonalData {
        guard
            let data = try await PersonRights(store: store).copy(
                of: try exchange.parameter("person"),
                by: try exchange.person.id,
                at: now()
            )
        else { throw WebError.notFound }
        return data
    }

    /// The confirmation page, saying beforehand when the erasure will be refused.
    private func erasureModel(_ person: Person, _ exchange: Exchange) async throws -> ErasureModel {
        let otherAdmins = try await store.people(withRole: .admin).filter { $0.isActive && $0.id != person.id }.count
        return ErasureModel(
            id: person.id,
            name: person.name,
            isErased: person.email.hasSuffix("@invalid"),
            refusal: Erasure.refusal(of: person, by: try exchange.person.id, otherActiveAdmins: otherAdmins)
        )
    }
}

/// A person's page for an admin: who they are, and their rights (a copy, erasure).
struct PersonModel {
    var id: String
    var name: String
    var email: String
    var roles: String
    var account: String
    var isErased: Bool
    var auditLink: String
    /// What they wrote on the public application form, if they applied there.
    var application: ApplicationItem?
    /// They can sign in but have no password yet, so an invite link is what they need.
    var canInvite: Bool
    /// A new invite link, shown once.
    var invited: String?
    var problem: String?
}

/// The page that asks before a person's data is erased, naming them and saying what happens.
struct ErasureModel {
    var id: String
    var name: String
    var isErased: Bool
    /// Why it cannot be done (their own record, the last admin), said before anyone presses.
    var refusal: String?
}
