import Foundation
import PostgresNIO

extension PostgresStore: PeopleStore {
    public func addPerson(_ new: NewPerson, at: Date) async throws -> Person {
        let person = new.person(createdAt: at)
        do {
            return try await write { [self] connection in
                // Two servers adding the same address at once: the unique constraint refuses the second.
                try await connection.run(
                    """
                    INSERT INTO people (id, name, email, roles, password_hash, active, created_at)
                    VALUES (\(person.id), \(person.name), \(person.email), \(SQLiteStore.encode(person.roles)), \(person.passwordHash), TRUE,
                        \(at.timeIntervalSince1970))
                    """,
                    logger: logger
                )
                return person
            }
        } catch StoreError.duplicateEmail {
            throw StoreError.duplicateEmail(person.email)
        }
    }

    public func person(id: String) async throws -> Person? {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM people WHERE id = \(id)", logger: logger).first.map(Self.person)
        }
    }

    public func person(email: String) async throws -> Person? {
        let email = NewPerson.normalised(email: email)
        return try await read { [self] connection in
            try await connection.rows("SELECT * FROM people WHERE email = \(email)", logger: logger).first.map(Self.person)
        }
    }

    public func people(withRole role: Role?) async throws -> [Person] {
        let everyone = try await read { [self] connection in
            // COLLATE "C": the same order as SQLite's binary comparison, whatever the database's locale.
            try await connection.rows("SELECT * FROM people ORDER BY name COLLATE \"C\", email COLLATE \"C\"", logger: logger).map(Self.person)
        }
        guard let role else { return everyone }
        return everyone.filter { $0.roles.contains(role) }
    }

    public func hasAdmin() async throws -> Bool {
        // Roles are kept as words separated by spaces; asking the database saves reading every person.
        try await read { [self] connection in
            try await connection.rows(
                "SELECT 1 FROM people WHERE active AND ' ' || roles || ' ' LIKE '% admin %' LIMIT 1",
                logger: logger
            ).first != nil
        }
    }

    public func setPassword(personID: String, hash: String, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            let changed = try await connection.run("UPDATE people SET password_hash = \(hash) WHERE id = \(personID) RETURNING 1", logger: logger)
            guard changed == 1 else { throw StoreError.notFound("The person") }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.password-set", subjectID: personID, detail: nil),
                logger: logger
            )
        }
    }

    static func person(_ row: PostgresRandomAccessRow) throws -> Person {
        Person(
            id: try row.required("id"),
            name: try row.required("name"),
            email: try row.required("email"),
            roles: SQLiteStore.decodeRoles(try row.required("roles")),
            passwordHash: try row.value("password_hash"),
            isActive: try row.required("active"),
            createdAt: try row.requiredDate("created_at")
        )
    }
}
