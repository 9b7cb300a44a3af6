import Foundation
import Hummingbird
import WaymarkPasswords
import WaymarkStore

extension Web {
    static var sessionLifetime: TimeInterval { 12 * 3_600 }

    func addAuthRoutes(to router: Router<WebContext>) {
        let everyone = group(router, .everyone)
        let signedIn = group(router, .anyoneSignedIn)

        everyone.get("/login") { exchange in
            if let person = exchange.context.person { return redirect(Navigation.home(for: person)) }
            let notice = exchange.query("notice") == "password-reset" ? exchange.query("notice").flatMap(Notices.text) : nil
            return page("login", LoginModel(next: safeNext(exchange.query("next"))), title: "Sign in", exchange, notice: notice)
        }

        everyone.post("/login") { exchange in
            let email = NewPerson.normalised(email: exchange.form["email"] ?? "")
            let password = exchange.form["password"] ?? ""
            let kept = KeptForm(signInForm: exchange.form, safePath: safeNext)
            var model = LoginModel(email: email, next: safeNext(exchange.form["next"]), keptPath: kept?.path, kept: kept?.entries ?? [])
            if email.isEmpty {
                model.emailError = "Enter your email address."
            } else if case .problem(let problem) = FreeText.email.check(email) {
                model.emailError = problem
            }
            if password.isEmpty { model.passwordError = "Enter your password." }
            // A field left empty or unusable is the form's problem, not a wrong password.
            guard model.emailError == nil, model.passwordError == nil else {
                return page("login", model, title: "Sign in", exchange, status: .badRequest)
            }
            let tries = SignInTries(
                store: store,
                throttle: signInThrottle,
                email: email,
                address: exchange.context.clientAddress ?? "unknown",
                now: now()
            )
            if let until = try await tries.count() {
                let wait = SignInThrottle.waitInWords(from: tries.now, until: until)
                model.problem =
                    "There have been too many tries to sign in to this account, or from this place. For your safety, please wait \(wait), then try again. If you have forgotten your password, press \"Forgotten your password?\" below."
                metrics.signIn(.throttled)
                var response = page("login", model, title: "Sign in", exchange, status: .tooManyRequests)
                response.headers[.retryAfter] = String(SignInThrottle.secondsToWait(from: tries.now, until: until))
                return response
            }
            let person = try await store.person(email: email)
            // Unknown, inactive and password-less accounts are checked against a stand-in hash:
            // the same slow work, so the time taken does not tell which emails have an account.
            let account = person.flatMap { person in person.isActive ? person.passwordHash.map { (person, $0) } : nil }
            passwordChecks.add()
            let matches: Bool
            do {
                matches = try await passwordWork.run { [passwords, standInHash] in
                    passwords.verify(password, against: account?.1 ?? standInHash)
                }
            } catch let busy as PasswordWork.Busy {
                try await tries.notChecked()
                model.problem =
                    "A lot of people are signing in at this moment. Nothing is wrong with your account: wait about \(SignInThrottle.waitInWords(seconds: busy.retryAfter)), then press Sign in again."
                var response = page("login", model, title: "Sign in", exchange, status: .serviceUnavailable)
                response.headers[.retryAfter] = String(busy.retryAfter)
                return response
            }
            if let (person, _) = account, matches {
                try await tries.succeeded()
                metrics.signIn(.succeeded)
                return try await signIn(person, then: model.next, replacing: exchange, kept: kept)
            }
            metrics.signIn(.refused)
            model.problem = "That email and password do not match. Check them and try again."
            return page("login", model, title: "Sign in", exchange, status: .unauthorized)
        }

        signedIn.post("/logout") { exchange in
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

        everyone.get("/setup/:token") { exchange in
            let token = try exchange.parameter("token")
            // Several servers starting on a new database each print a link; the first one used wins.
            guard try await validLink(token, .setup), try await !store.hasAdmin() else { return expiredLink(exchange) }
            return page("setup", SetupModel(action: "/setup/\(token)"), title: "Create the first admin account", exchange)
        }

        everyone.post("/setup/:token") { exchange in
            let token = try exchange.parameter("token")
            guard try await validLink(token, .setup) else { return expiredLink(exchange) }
            var model = SetupModel(action: "/setup/\(token)", name: exchange.form["name"] ?? "", email: exchange.form["email"] ?? "")
            let name = PersonFields.name(model.name, error: &model.nameError)
            let email = PersonFields.email(model.email, error: &model.emailError)
            let password = exchange.form["password"] ?? ""
            (model.passwordError, model.confirmError) = WaymarkPasswordsRules.problems(
                password,
                confirmation: exchange.form["confirm"],
                name: name,
                email: email
            )
            guard model.isValid else { return page("setup", model, title: "Create the first admin account", exchange, status: .badRequest) }
            guard try await !store.hasAdmin(), try await store.useToken(tokenHash: Tokens.hash(token), purpose: .setup, at: now()) else {
                return expiredLink(exchange)
            }
            let admin = try await store.addPerson(
                NewPerson(name: name, email: email, roles: [.admin], passwordHash: try await hash(password)),
                at: now()
            )
            return try await signIn(admin, then: "/people", replacing: exchange)
        }

        everyone.get("/invite/:token") { exchange in
            let token = try exchange.parameter("token")
            guard let person = try await linkHolder(token, .invite) else { return expiredLink(exchange) }
            return page(
                "invite",
                InviteModel(invitedWith: token, person),
                title: "Choose your password",
                exchange
            )
        }

        everyone.post("/invite/:token") { exchange in
            let token = try exchange.parameter("token")
            guard let person = try await linkHolder(token, .invite) else { return expiredLink(exchange) }
            var model = InviteModel(invitedWith: token, person)
            let password = model.check(exchange.form, for: person)
            guard !model.hasErrors else { return page("invite", model, title: "Choose your password", exchange, status: .badRequest) }
            guard try await store.useToken(tokenHash: Tokens.hash(token), purpose: .invite, at: now()) else { return expiredLink(exchange) }
            try await store.setPassword(personID: person.id, hash: try await hash(password), by: person.id, at: now())
            return try await signIn(person, then: Navigation.home(for: person), replacing: exchange)
        }
    }

    /// Starts a fresh session (a new token: any cookie from before signing in is worthless), and
    /// ends the session this browser had before, so that signing in again leaves no second
    /// session behind that someone else at the same computer could use.
    func signIn(_ person: Person, then next: String?, replacing exchange: Exchange, kept: KeptForm? = nil) async throws -> Response {
        if let earlier = exchange.request.cookies[SessionMiddleware<Store>.sessionCookie]?.value, Tokens.looksValid(earlier) {
            try await store.deleteSession(tokenHash: Tokens.hash(earlier))
        }
        let token = Tokens.random()
        let csrfToken = Tokens.random()
        let now = now()
        let expiresAt = now.addingTimeInterval(min(Self.sessionLifetime, sessionIdleTimeout))
        try await store.createSession(tokenHash: Tokens.hash(token), personID: person.id, csrfToken: csrfToken, at: now, expiresAt: expiresAt)
        var response: Response
        if let kept {
            // What they sent before signing in is shown with the new session's token, to be sent
            // again only if they choose to.
            var context = exchange.context
            context.session = SessionRecord(person: person, csrfToken: csrfToken, expiresAt: expiresAt, createdAt: now)
            response = pages.render(
                "resend",
                ResendModel(kept, home: Navigation.home(for: person)),
                title: "Send what you wrote",
                context: context,
                status: .ok,
                notice: nil
            )
        } else {
            response = redirect(next ?? Navigation.home(for: person))
        }
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

    /// Creates a one-time link valid for `lifetime` (24 hours unless said) and returns its path.
    /// `mail` makes the emails that carry the link (given its path); they are written to the
    /// outbox in the same transaction as the link.
    public func makeLink(
        _ purpose: TokenPurpose,
        for personID: String?,
        lifetime: TimeInterval = 24 * 3_600,
        mail: (String) -> [OutboxDraft] = { _ in [] }
    ) async throws -> String {
        let token = Tokens.random()
        let path = "/\(purpose.rawValue)/\(token)"
        try await store.createToken(
            tokenHash: Tokens.hash(token),
            purpose: purpose,
            personID: personID,
            at: now(),
            expiresAt: now().addingTimeInterval(lifetime),
            mail: mail(path)
        )
        return path
    }

    /// A bcrypt hash of a new password, made off the event loops.
    func hash(_ password: String) async throws -> String {
        do {
            return try await passwordWork.run { [passwords] in passwords.hash(password) }
        } catch let busy as PasswordWork.Busy {
            throw WebError.busy(retryAfter: busy.retryAfter)
        }
    }

    private func validLink(_ token: String, _ purpose: TokenPurpose) async throws -> Bool {
        guard Tokens.looksValid(token) else { return false }
        return try await store.validToken(tokenHash: Tokens.hash(token), purpose: purpose, at: now()).valid
    }

    /// The active person a still-valid one-time link of this purpose is for, or nil.
    func linkHolder(_ token: String, _ purpose: TokenPurpose) async throws -> Person? {
        guard Tokens.looksValid(token) else { return nil }
        let link = try await store.validToken(tokenHash: Tokens.hash(token), purpose: purpose, at: now())
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

    /// Only paths inside Waymark, so sign-in cannot be used to send people elsewhere. Browsers
    /// drop tabs and newlines and read a backslash as a slash, so `/\t/evil.example` and
    /// `/\\evil.example` lead off the site just as `//evil.example` does; the path is checked as
    /// sent and once more percent-decoded, and anything but visible ASCII is refused.
    func safeNext(_ next: String?) -> String? {
        guard let next, let decoded = next.removingPercentEncoding else { return nil }
        for form in [next, decoded] {
            guard form.hasPrefix("/"), !form.contains("//"), !form.contains("\\"),
                form.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
            else { return nil }
        }
        return next
    }

    struct LoginModel {
        var email = ""
        var next: String?
        var problem: String?
        var emailError: String?
        var passwordError: String?
        /// A form sent after the session had ended, carried through signing in.
        var keptPath: String?
        var kept: [KeptForm.Entry] = []
        var hasErrors: Bool { problem != nil || emailError != nil || passwordError != nil }
    }

    /// After signing in again: what was sent before, to send now or leave.
    struct ResendModel {
        var action: String
        var kept: [KeptForm.Entry]
        var writing: [String]
        var home: String

        init(_ form: KeptForm, home: String) {
            action = form.path
            kept = form.entries
            writing = form.writing
            self.home = home
        }
    }

    struct SetupModel {
        var action: String
        var name = ""
        var email = ""
        var nameError: String?
        var emailError: String?
        var passwordError: String?
        var confirmError: String?
        var isValid: Bool { nameError == nil && emailError == nil && passwordError == nil && confirmError == nil }
        var hasErrors: Bool { !isValid }
    }

    /// Choosing a password from a one-time link: an invite, or a new one after forgetting it.
    struct InviteModel {
        var action: String
        var name: String
        var email: String
        var heading: String
        var intro: String
        var button = "Save my password"
        var passwordError: String?
        var confirmError: String?
        var hasErrors: Bool { passwordError != nil || confirmError != nil }

        /// The password chosen on the form, with any problem with it (or its second copy) kept
        /// to show beside the field.
        mutating func check(_ form: FormFields, for person: Person) -> String {
            let password = form["password"] ?? ""
            (passwordError, confirmError) = WaymarkPasswordsRules.problems(password, confirmation: form["confirm"], name: person.name, email: person.email)
            return password
        }
    }

    struct MessageModel {
        var heading: String
        var text: String
    }
}

/// The password rules as a person meets them on a form: a problem with the password, or with
/// the second copy of it, each shown beside its own field.
enum WaymarkPasswordsRules {
    static func problems(_ password: String, confirmation: String?, name: String, email: String) -> (password: String?, confirm: String?) {
        if password.isEmpty { return ("Choose a password.", nil) }
        if let problem = Passwords.problem(with: password, name: name, email: email) { return (problem, nil) }
        if password != confirmation { return (nil, "The two passwords are different. Type the same one again here.") }
        return (nil, nil)
    }
}
