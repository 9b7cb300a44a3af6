import Foundation

extension AnyWaymarkStore {
    public func addPerson(_ new: NewPerson, at: Date) async throws -> Person {
        let person = new.person(createdAt: at)
        do {
            return try await backend.write { db in
                if try await db.fetchFirstRow(PeopleSQL.byEmail(person.email)) != nil { throw StoreError.duplicateEmail(person.email) }
                // Two PostgreSQL servers adding the same address at once: the unique constraint
                // refuses the second, which comes back as `duplicateEmail` without the address.
                try await db.perform(PeopleSQL.insert(person, at: at))
                return person
            }
        } catch StoreError.duplicateEmail {
            throw StoreError.duplicateEmail(person.email)
        }
    }

    public func person(id: String) async throws -> Person? {
        try await backend.read { db in try await db.fetchFirstRow(PeopleSQL.byID(id)).map(PeopleSQL.person) }
    }

    public func person(email: String) async throws -> Person? {
        let email = NewPerson.normalised(email: email)
        return try await backend.read { db in try await db.fetchFirstRow(PeopleSQL.byEmail(email)).map(PeopleSQL.person) }
    }

    public func people(withRole role: Role?) async throws -> [Person] {
        let everyone = try await backend.read { db in try await db.fetchRows(PeopleSQL.everyone).map(PeopleSQL.person) }
        guard let role else { return everyone }
        return everyone.filter { $0.roles.contains(role) }
    }

    public func hasAdmin() async throws -> Bool {
        try await backend.read { db in try await db.fetchFirstRow(PeopleSQL.anActiveAdmin) != nil }
    }

    public func setPassword(personID: String, hash: String, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            guard try await db.perform(PeopleSQL.setPassword(personID: personID, hash: hash)) == 1 else { throw StoreError.notFound("The person") }
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "person.password-set", subjectID: personID, detail: nil))
        }
    }
}
