import Foundation
import GRDB

extension SQLiteStore: PeopleStore {
    public func addPerson(_ new: NewPerson, at: Date) async throws -> Person {
        let person = new.person(createdAt: at)
        return try await write { db in
            if try db.fetchFirstRow(PeopleSQL.byEmail(person.email)) != nil { throw StoreError.duplicateEmail(person.email) }
            try db.perform(PeopleSQL.insert(person, at: at))
            return person
        }
    }

    public func person(id: String) async throws -> Person? {
        try await read { db in try db.fetchFirstRow(PeopleSQL.byID(id)).map(PeopleSQL.person) }
    }

    public func person(email: String) async throws -> Person? {
        let email = NewPerson.normalised(email: email)
        return try await read { db in try db.fetchFirstRow(PeopleSQL.byEmail(email)).map(PeopleSQL.person) }
    }

    public func people(withRole role: Role?) async throws -> [Person] {
        let everyone = try await read { db in try db.fetchRows(PeopleSQL.everyone).map(PeopleSQL.person) }
        guard let role else { return everyone }
        return everyone.filter { $0.roles.contains(role) }
    }

    public func hasAdmin() async throws -> Bool {
        try await read { db in try db.fetchFirstRow(PeopleSQL.anActiveAdmin) != nil }
    }

    public func setPassword(personID: String, hash: String, by actorID: String, at: Date) async throws {
        try await write { db in
            guard try db.fetchRows(PeopleSQL.setPassword(personID: personID, hash: hash)).count == 1 else { throw StoreError.notFound("The person") }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "person.password-set", subjectID: personID, detail: nil))
        }
    }
}
