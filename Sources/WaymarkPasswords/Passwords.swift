import HummingbirdBcrypt

/// Hashing and checking passwords with bcrypt. Never stores or logs a password.
public struct Passwords: Sendable {
    /// bcrypt's work factor: 12 for people; tests use the minimum to stay fast.
    public var cost: UInt8

    /// Hashes with this work factor.
    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    /// The rules a new password must meet (see `PasswordRules`), in words for the person
    /// choosing it; nil if it is fine.
    public static func problem(with password: String, name: String = "", email: String = "") -> String? {
        PasswordRules.problem(with: password, name: name, email: email)
    }

    /// A bcrypt hash of the password, salted.
    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether the password matches the hash.
    public func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
