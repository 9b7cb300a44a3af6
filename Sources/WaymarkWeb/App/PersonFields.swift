/// A person's name and email address as typed on the setup and People forms, checked the same
/// way on both.
enum PersonFields {
    /// The name to keep; when it cannot be kept, `error` says why and the result is empty.
    static func name(_ typed: String, missing: String = "Enter your name.", error: inout String?) -> String {
        switch FreeText.name.check(typed) {
        case .problem(let problem):
            error = problem
            return ""
        case .text(let name):
            if name.isEmpty { error = missing }
            return name
        }
    }

    /// The address to keep; when it cannot be kept, `error` says why.
    static func email(_ typed: String, error: inout String?) -> String {
        switch FreeText.email.check(typed) {
        case .problem(let problem):
            error = problem
            return ""
        case .text(let email):
            if !email.contains("@") || email.contains(where: \.isWhitespace) {
                error = "Enter an email address, like name@example.org."
            }
            return email
        }
    }
}
