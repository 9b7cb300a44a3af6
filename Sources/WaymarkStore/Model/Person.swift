import Foundation

/// What a person may do in Waymark. A person can hold several roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case trainee
    case supervisor
    case coordinator
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// Someone with an account.
public struct Person: Sendable, Hashable {
    /// Stable id, never reused.
    public var id: String
    public var name: String
    /// Lower-cased; unique.
    public var email: String
    public var roles: Set<Role>
    /// bcrypt hash; nil until the person has set a password (through an invite link).
    public var passwordHash: String?
    /// Deactivated people cannot sign in; their record stays.
    public var isActive: Bool
    public var createdAt: Date

    public init(id: String, name: String, email: String, roles: Set<Role>, passwordHash: String?, isActive: Bool, createdAt: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.roles = roles
        self.passwordHash = passwordHash
        self.isActive = isActive
        self.createdAt = createdAt
    }
}

/// A person to add.
public struct NewPerson: Sendable {
    public var name: String
    public var email: String
    public var roles: Set<Role>
    public var passwordHash: String?

    public init(name: String, email: String, roles: Set<Role>, passwordHash: String?) {
        self.name = name
        self.email = email
        self.roles = roles
        self.passwordHash = passwordHash
    }

    /// The person as a store adds them: a new id, the name trimmed, the address normalised, active.
    func person(createdAt: Date) -> Person {
        Person(
            id: UUID().uuidString.lowercased(),
            name: name.trimmingCharacters(in: .whitespacesAndNewlines),
            email: Self.normalised(email: email),
            roles: roles,
            passwordHash: passwordHash,
            isActive: true,
            createdAt: createdAt
        )
    }

    /// Email addresses compare without case and surrounding spaces.
    public static func normalised(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
