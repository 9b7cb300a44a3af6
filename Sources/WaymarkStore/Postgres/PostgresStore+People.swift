import Foundation
import PostgresNIO

extension PostgresStore: PeopleStore {
    public func addPerson(_ new: NewPerson, at: Date) async throws -> Person {
        let person = new.person(createdAt: at)
        do {
            return try await write { [self] connection in
                // Two servers adding the same address at once: the unique constraint refuses the second.
                try await connection.perform(PeopleSQL.insert(person, at: at), logger: logger)
                return person
            }
        } catch StoreError.duplicateEmail {
            throw StoreError.duplicateEmail(person.email)
        }
    }

    public func person(id: String) async throws -> Person? {
        try await read { [self] connection in try await connection.fetchFirstRow(PeopleSQL.byID(id), logger: logger).map(PeopleSQL.person) }
    }

    public func person(email: String) async throws -> Person? {
        let email = NewPerson.normalised(email: email)
        return try await read { [self] connection in try await connection.fetchFirstRow(PeopleSQL.byEmail(email), logger: logger).map(PeopleSQL.person) }
    }

    public func people(withRole role: Role?) async throws -> [Person] {
        let everyone = try await read { [self] connection in try await connection.fetchRows(PeopleSQL.everyone, logger: logger).map(PeopleSQL.person) }
        guard let role else { return everyone }
        return everyone.filter { $0.roles.contains(role) }
    }

    public func hasAdmin() async throws -> Bool {
        try await read { [self] connection in try await connection.fetchFirstRow(PeopleSQL.anActiveAdmin, logger: logger) != nil }
    }

    public func setPassword(personID: String, hash: String, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            let changed = try await connection.perform(PeopleSQL.setPassword(personID: personID, hash: hash), logger: logger)
            guard changed == 1 else { throw StoreError.notFound("The person") }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.password-set", subjectID: personID, detail: nil),
                logger: logger
            )
        }
    }
}
