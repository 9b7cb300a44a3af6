import Foundation
import Hummingbird
import WaymarkPasswords
import WaymarkStore

extension Web {
    static var sessionLifetime: TimeInterval { 12 * 3_600 }
    static var failedSignInLimit: Int { 5 }
    static var failedSignInsPerAddress: Int { 30 }
    static var throttleWindow: TimeInterval { 15 * 60 }

    func addAuthRoutes(to router: Router<WebContext>) {
        add(router, .get, "/login", .everyone) { exchange in
            if let person = exchange.context.person { return redirect(Navigation.home(for: person)) }
            return page("login", LoginModel(next: safeNext(exchange.query("next"))), title: "Sign in", exchange)
        }

        add(router, .post, "/login", .everyone) { exchange in
            let email = NewPerson.normalised(email: exchange.form["email"] ?? "")
            let password = exchange.form["password"] ?? ""
            var model = LoginModel(email: email, next: safeNext(exchange.form["next"]))
            let accountKey = "signin:account:\(email)"
            let addressKey = "signin:address:\(exchange.context.clientAddress ?? "unknown")"
            let now = now()
            let accountLimited = try await store.isLimited(key: accountKey, limit: Self.failedSignInLimit, window: Self.throttleWindow, at: now)
            let addressLimited = try await store.isLimited(key: addressKey, limit: Self.failedSignInsPerAddress, window: Self.throttleWindow, at: now)
            if accountLimited || addressLimited {
                model.problem = "There have been too many tries. For your safety, wait 15 minutes and try again, or ask your coordinator to help."
                return page("login", model, title: "Sign in", exchange, status: .tooManyRequests)
            }
            if email.isEmpty { model.emailError = "Enter your email address." }
            if password.isEmpty { model.passwordError = "Enter your password." }
            if model.emailError == nil, model.passwordError == nil {
                if let person = try await store.person(email: email), person.isActive, let hash = person.passwordHash,
                    try await ServingThreads.offload({ [passwords] in passwords.verify(password, against: hash) })
                {
                    try await store.clearCounter(key: accountKey)
                    return try await signIn(person, then: model.next)
                }
                _ = try await store.hit(key: accountKey, limit: Self.failedSignInLimit, window: Self.throttleWindow, at: now)
                _ = try await store.hit(key: addressKey, limit: Self.failedSignInsPerAddress, window: Self.throttleWindow, at: now)
                model.problem = "That email and password do not match. Check them and try again."
            }
            return page("login", model, title: "Sign in", exchange, status: .unauthorized)
        }

        add(router, .post, "/logout", .anyoneSignedIn) { exchange in
            if let token = exchange.request.cookies[SessionMiddleware<Store>.sessionCookie]?.value {
                try await store.deleteSession(tokenHash: Tokens.hash(token))
            }
            var response = redirect("/")
            response.setCookie(
                Cookie(
                    name: SessionMiddleware<Store>.sessionCookie,
                    value: "",
                    maxAge: 0,
                    path: "/",
                    secure: secureCookies,
                    httpOnly: true,
                    sameSite: .lax
                )
            )
            return response
        }

        add(router, .get, "/setup/:token", .everyone) { exchange in
            let token = try exchange.parameter("token")
            // Several servers starting on a new database each print a link; the first one used wins.
            guard try await validLink(token, .setup), try await !store.hasAdmin() else { return expiredLink(exchange) }
            return page("setup", SetupModel(action: "/setup/\(token)"), title: "Create the first admin account", exchange)
        }

        add(router, .post, "/setup/:token", .everyone) { exchange in
            let token = try exchange.parameter("token")
            guard try await validLink(token, .setup) else { return expiredLink(exchange) }
            var model = SetupModel(action: "/setup/\(token)", name: exchange.form.trimmed("name") ?? "", email: exchange.form.trimmed("email") ?? "")
            if model.name.isEmpty { model.nameError = "Enter your name." }
            if !model.email.contains("@") { model.emailError = "Enter an email address, like name@example.org." }
            let password = exchange.form["password"] ?? ""
            model.passwordError = WaymarkPasswordsRules.problem(password, confirmation: exchange.form["confirm"])
            guard model.isValid else { return page("setup", model, title: "Create the first admin account", exchange, status: .badRequest) }
            guard try await !store.hasAdmin(), try await store.useToken(tokenHash: Tokens.hash(token), purpose: .setup, at: now()) else {
                return expiredLink(exchange)
            }
            let admin = try await store.addPerson(
                NewPerson(name: model.name, email: model.email, roles: [.admin], passwordHash: try await hash(password)),
                at: now()
            )
            return try await signIn(admin, then: "/people")
        }

        add(router, .get, "/invite/:token", .everyone) { exchange in
            let token = try exchange.parameter("token")
            guard let person = try await invited(token) else { return expiredLink(exchange) }
            return page(
                "invite",
                InviteModel(action: "/invite/\(token)", name: person.name, email: person.email),
                title: "Choose your password",
                exchange
            )
        }

        add(router, .post, "/invite/:token", .everyone) { exchange in
            let token = try exchange.parameter("token")
            guard let person = try await invited(token) else { return expiredLink(exchange) }
            var model = InviteModel(action: "/invite/\(token)", name: person.name, email: person.email)
            let password = exchange.form["password"] ?? ""
            model.passwordError = WaymarkPasswordsRules.problem(password, confirmation: exchange.form["confirm"])
            guard model.passwordError == nil else { return page("invite", model, title: "Choose your password", exchange, status: .badRequest) }
            guard try await store.useToken(tokenHash: Tokens.hash(token), purpose: .invite, at: now()) else { return expiredLink(exchange) }
            try await store.setPassword(personID: person.id, hash: try await hash(password), by: person.id, at: now())
            return try await signIn(person, then: Navigation.home(for: person))
        }
    }

    /// Starts a fresh session (a new token: any cookie from before signing in is worthless).
    func signIn(_ person: Person, then next: String?) async throws -> Response {
        let token = Tokens.random()
        let now = now()
        try await store.createSession(
            tokenHash: Tokens.hash(token),
            personID: person.id,
            csrfToken: Tokens.random(),
            at: now,
            expiresAt: now.addingTimeInterval(Self.sessionLifetime)
        )
        var response = redirect(next ?? Navigation.home(for: person))
        response.setCookie(
            Cookie(
                name: SessionMiddleware<Store>.sessionCookie,
                value: token,
                maxAge: Int(Self.sessionLifetime),
                path: "/",
                secure: secureCookies,
                httpOnly: true,
                sameSite: .lax
            )
        )
        response.setCookie(
            Cookie(name: SessionMiddleware<Store>.formCookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
        )
        return response
    }

    /// Creates a one-time link valid for 24 hours and returns its path.
    public func makeLink(_ purpose: TokenPurpose, for personID: String?) async throws -> String {
        let token = Tokens.random()
        try await store.createToken(
            tokenHash: Tokens.hash(token),
            purpose: purpose,
            personID: personID,
            at: now(),
            expiresAt: now().addingTimeInterval(24 * 3_600)
        )
        return "/\(purpose.rawValue)/\(token)"
    }

    /// A bcrypt hash of a new password, made off the event loops.
    private func hash(_ password: String) async throws -> String {
        try await ServingThreads.offload { [passwords] in passwords.hash(password) }
    }

    private func validLink(_ token: String, _ purpose: TokenPurpose) async throws -> Bool {
        guard Tokens.looksValid(token) else { return false }
        return try await store.validToken(tokenHash: Tokens.hash(token), purpose: purpose, at: now()).valid
    }

    private func invited(_ token: String) async throws -> Person? {
        guard Tokens.looksValid(token) else { return nil }
        let link = try await store.validToken(tokenHash: Tokens.hash(token), purpose: .invite, at: now())
        guard link.valid, let id = link.personID, let person = try await store.person(id: id), person.isActive else { return nil }
        return person
    }

    private func expiredLink(_ exchange: Exchange) -> Response {
        page(
            "message",
            MessageModel(heading: "This link has expired", text: "Links like this work once, for 24 hours. Ask whoever sent it for a new one."),
            title: "This link has expired",
            exchange,
            status: .gone
        )
    }

    /// Only paths inside Waymark, so sign-in cannot be used to send people elsewhere.
    func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
        return next
    }

    struct LoginModel {
        var email = ""
        var next: String?
        var problem: String?
        var emailError: String?
        var passwordError: String?
        var hasErrors: Bool { problem != nil || emailError != nil || passwordError != nil }
    }

    struct SetupModel {
        var action: String
        var name = ""
        var email = ""
        var nameError: String?
        var emailError: String?
        var passwordError: String?
        var isValid: Bool { nameError == nil && emailError == nil && passwordError == nil }
        var hasErrors: Bool { !isValid }
    }

    struct InviteModel {
        var action: String
        var name: String
        var email: String
        var passwordError: String?
        var hasErrors: Bool { passwordError != nil }
    }

    struct MessageModel {
        var heading: String
        var text: String
    }
}

/// The password rules as a person meets them on a form.
enum WaymarkPasswordsRules {
    static func problem(_ password: String, confirmation: String?) -> String? {
        if password.isEmpty { return "Choose a password." }
        if let problem = Passwords.problem(with: password) { return problem }
        if password != confirmation { return "The two passwords are different. Type the same one twice." }
        return nil
    }
}
