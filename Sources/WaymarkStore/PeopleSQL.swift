import Foundation

/// The people table, written once for both stores.
enum PeopleSQL {
    static func insert(_ person: Person, at: Date) -> SQLStatement {
        """
        INSERT INTO people (id, name, email, roles, password_hash, active, created_at)
        VALUES (\(person.id), \(person.name), \(person.email), \(encode(person.roles)), \(person.passwordHash), \(.true), \(at))
        """
    }

    static func byID(_ id: String) -> SQLStatement { "SELECT * FROM people WHERE id = \(id)" }

    static func byEmail(_ email: String) -> SQLStatement { "SELECT * FROM people WHERE email = \(email)" }

    static let everyone: SQLStatement = "SELECT * FROM people ORDER BY name\(.binaryOrder), email\(.binaryOrder)"

    /// Roles are kept as words separated by spaces; asking the database saves reading every person.
    static let anActiveAdmin: SQLStatement = "SELECT 1 AS found FROM people WHERE active = \(.true) AND ' ' || roles || ' ' LIKE '% admin %' LIMIT 1"

    static func setPassword(personID: String, hash: String) -> SQLStatement {
        "UPDATE people SET password_hash = \(hash) WHERE id = \(personID) RETURNING 1"
    }

    static func person(_ row: any SQLRow) throws -> Person {
        Person(
            id: try row.required("id"),
            name: try row.required("name"),
            email: try row.required("email"),
            roles: decodeRoles(try row.required("roles")),
            passwordHash: try row.optional("password_hash"),
            isActive: try row.required("active"),
            createdAt: try row.requiredDate("created_at")
        )
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: " ")
    }

    static func decodeRoles(_ text: String) -> Set<Role> {
        Set(text.split(separator: " ").compactMap { Role(rawValue: String($0)) })
    }
}
