import Foundation
import Hummingbird
import WaymarkStore

/// "Forgotten your password?": a form asking for the email address, an answer that is the
/// same whether or not the address has an account (and takes as long), and a one-time link,
/// valid for an hour, sent through the outbox. Choosing the new password follows the invite
/// page's rules and ends every session the person had.
extension Web {
    /// How long a reset link works.
    static var resetLinkLifetime: TimeInterval { 3_600 }
    /// Reset emails one address can be sent in an hour, and requests one place may make.
    static var resetsPerEmail: Int { 3 }
    static var resetsPerAddress: Int { 20 }
    /// Every answer takes at least this long, so the time taken does not tell whether the
    /// address has an account (writing the link and its email takes a moment).
    static var resetAnswerTime: Duration { .milliseconds(400) }

    func addPasswordResetRoutes(to router: Router<WebContext>) {
        let everyone = group(router, .everyone)

        everyone.get("/password-reset") { exchange in
            page("forgotten", ForgottenModel(), title: "Forgotten your password?", exchange)
        }

        everyone.post("/password-reset") { exchange in
            let started = ContinuousClock.now
            var model = ForgottenModel(email: exchange.form["email"] ?? "")
            let typed = PersonFields.email(model.email, error: &model.emailError)
            if model.email.trimmingCharacters(in: .whitespaces).isEmpty { model.emailError = "Enter the email address you sign in with." }
            let email = NewPerson.normalised(email: typed)
            guard model.emailError == nil else { return page("forgotten", model, title: "Forgotten your password?", exchange, status: .badRequest) }
            let moment = now()
            let address = exchange.context.clientAddress ?? "unknown"
            guard try await store.hit(key: "reset-address:\(address)", limit: Self.resetsPerAddress, window: 3_600, at: moment) else {
                var response = page(
                    "message",
                    MessageModel(
                        heading: "Please wait a while",
                        text: "There have been a lot of requests for new passwords from this place. For everyone's safety, please wait an hour, then try again. Your coordinator can also help."
                    ),
                    title: "Please wait a while",
                    exchange,
                    status: .tooManyRequests
                )
                response.headers[.retryAfter] = "3600"
                return response
            }
            // Past its limit an address is sent nothing more for a while, and the answer is the same.
            if try await store.hit(key: "reset-email:\(email)", limit: Self.resetsPerEmail, window: 3_600, at: moment),
                let person = try await store.person(email: email), person.isActive
            {
                _ = try await makeLink(.passwordReset, for: person.id, lifetime: Self.resetLinkLifetime) { path in
                    [mailWords.passwordReset(to: person, path: path)]
                }
            }
            try? await Task.sleep(until: started.advanced(by: Self.resetAnswerTime))
            return page("forgotten-sent", ForgottenSentModel(emailed: sendsEmail), title: "Check your email", exchange)
        }

        everyone.get("/password-reset/:token") { exchange in
            let token = try exchange.parameter("token")
            guard let person = try await linkHolder(token, .passwordReset) else { return expiredResetLink(exchange) }
            return page("invite", InviteModel(resettingWith: token, person), title: "Choose a new password", exchange)
        }

        everyone.post("/password-reset/:token") { exchange in
            let token = try exchange.parameter("token")
            guard let person = try await linkHolder(token, .passwordReset) else { return expiredResetLink(exchange) }
            var model = InviteModel(resettingWith: token, person)
            let password = model.check(exchange.form, for: person)
            guard !model.hasErrors else { return page("invite", model, title: "Choose a new password", exchange, status: .badRequest) }
            let hashed = try await hash(password)
            guard try await store.useToken(tokenHash: Tokens.hash(token), purpose: .passwordReset, at: now()) else { return expiredResetLink(exchange) }
            try await store.setPassword(personID: person.id, hash: hashed, by: person.id, at: now())
            // Whoever else may have been signed in as them (the reason some people reset) is not any more.
            try await store.deleteSessions(personID: person.id)
            try await store.audit(AuditEntry(at: now(), actorID: person.id, action: "person.password-reset", subjectID: person.id, detail: nil))
            return redirect("/login?notice=password-reset")
        }
    }

    private func expiredResetLink(_ exchange: Exchange) -> Response {
        page(
            "message",
            MessageModel(
                heading: "This link has expired",
                text: "A link to choose a new password works once, for one hour. You can ask for a new one from the sign-in page."
            ),
            title: "This link has expired",
            exchange,
            status: .gone
        )
    }

    struct ForgottenModel {
        var email = ""
        var emailError: String?
        var hasErrors: Bool { emailError != nil }
    }

    /// The same answer for every address, known or not.
    struct ForgottenSentModel {
        /// Email is set up, so a message is on its way if the address has an account.
        var emailed: Bool
    }
}

extension Web.InviteModel {
    /// The invite page: a new account's first password.
    init(invitedWith token: String, _ person: Person) {
        self.init(
            action: "/invite/\(token)",
            name: person.name,
            email: person.email,
            heading: "Welcome, \(person.name)",
            intro: "Choose a password to finish setting up your account for \(person.email)."
        )
    }

    /// A new password after forgetting the old one.
    init(resettingWith token: String, _ person: Person) {
        self.init(
            action: "/password-reset/\(token)",
            name: person.name,
            email: person.email,
            heading: "Choose a new password",
            intro: "Choose a new password for \(person.email). Once it is saved, you will be signed out everywhere, and you sign in again with the new one.",
            button: "Save my new password"
        )
    }
}
