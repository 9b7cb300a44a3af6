import Foundation
import GRDB

extension SQLiteStore: PeopleStore {
    public func addPerson(_ new: NewPerson, at: Date) async throws -> Person {
        let person = new.person(createdAt: at)
        return try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM people WHERE email = ?", arguments: [person.email]) == true {
                throw StoreError.duplicateEmail(person.email)
            }
            try db.execute(
                sql: "INSERT INTO people (id, name, email, roles, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                arguments: [person.id, person.name, person.email, Self.encode(person.roles), person.passwordHash, at.timeIntervalSince1970]
            )
            return person
        }
    }

    public func person(id: String) async throws -> Person? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = ?", arguments: [id]).map(Self.person) }
    }

    public func person(email: String) async throws -> Person? {
        let email = NewPerson.normalised(email: email)
        return try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM people WHERE email = ?", arguments: [email]).map(Self.person) }
    }

    public func people(withRole role: Role?) async throws -> [Person] {
        let everyone = try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM people ORDER BY name, email").map(Self.person) }
        guard let role else { return everyone }
        return everyone.filter { $0.roles.contains(role) }
    }

    public func hasAdmin() async throws -> Bool {
        // Roles are kept as words separated by spaces; asking SQLite saves reading every person.
        try await read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM people WHERE active = 1 AND ' ' || roles || ' ' LIKE '% admin %')") ?? false
        }
    }

    public func setPassword(personID: String, hash: String, by actorID: String, at: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE people SET password_hash = ? WHERE id = ?", arguments: [hash, personID])
            guard db.changesCount == 1 else { throw StoreError.notFound("The person") }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "person.password-set", subjectID: personID, detail: nil))
        }
    }

    static func person(_ row: Row) -> Person {
        Person(
            id: row["id"],
            name: row["name"],
            email: row["email"],
            roles: decodeRoles(row["roles"]),
            passwordHash: row["password_hash"],
            isActive: row["active"],
            createdAt: Date(timeIntervalSince1970: row["created_at"])
        )
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: " ")
    }

    static func decodeRoles(_ text: String) -> Set<Role> {
        Set(text.split(separator: " ").compactMap { Role(rawValue: String($0)) })
    }
}
