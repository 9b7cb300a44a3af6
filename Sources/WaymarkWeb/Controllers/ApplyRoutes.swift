import Foundation
import Hummingbird
import WaymarkCurriculum
import WaymarkStore

extension Web {
    /// Applications a client address may send in an hour: enough for a family or a hostel on
    /// one connection, too few to fill the cohort with made-up people.
    static var applicationsPerAddress: Int { 10 }
    static var applicationWindow: TimeInterval { 3_600 }

    /// The public application form: anyone may apply, with no account. It asks nothing about
    /// convictions, says what the DBS check is and when it comes, who reads the application and
    /// how long it is kept, and makes an applicant with a link to set a password.
    func addApplyRoutes(to router: Router<WebContext>) {
        let everyone = group(router, .everyone)

        everyone.get("/apply") { exchange in
            try await applyForm(exchange, programmeID: nil)
        }
        everyone.get("/apply/:programme") { exchange in
            try await applyForm(exchange, programmeID: try exchange.parameter("programme"))
        }
        everyone.post("/apply") { exchange in
            try await sendApplication(exchange, programmeID: nil)
        }
        everyone.post("/apply/:programme") { exchange in
            try await sendApplication(exchange, programmeID: try exchange.parameter("programme"))
        }
        everyone.get("/applied") { exchange in
            page("applied", AppliedModel(sendsEmail: sendsEmail), title: "Thank you for applying", exchange)
        }
    }

    /// The programme an application is for: the first one unless the address names another.
    private func applyingTo(_ programmeID: String?) -> Programme? {
        let programmes = curriculum.current.programmes
        guard let programmeID else { return programmes.first }
        return programmes.first { $0.id == programmeID }
    }

    private func applyForm(_ exchange: Exchange, programmeID: String?) async throws -> Response {
        guard let programme = applyingTo(programmeID) else { return noSuchProgramme(exchange) }
        guard try await store.applicationsOpen() else { return applicationsClosed(exchange) }
        return page("apply", applyModel(programme, programmeID), title: "Apply to be a peer mentor", exchange)
    }

    private func sendApplication(_ exchange: Exchange, programmeID: String?) async throws -> Response {
        guard let programme = applyingTo(programmeID) else { return noSuchProgramme(exchange) }
        guard try await store.applicationsOpen() else { return applicationsClosed(exchange, status: .forbidden) }
        var model = applyModel(programme, programmeID)
        model.keep(exchange.form)
        let name = PersonFields.name(model.name, error: &model.nameError)
        let email = PersonFields.email(model.email, error: &model.emailError)
        let contact = model.checked(model.contact, FreeText.shortText, error: &model.contactError)
        let note = model.checked(model.note, FreeText.longText, error: &model.noteError)
        guard !model.hasErrors else { return page("apply", model, title: "Apply to be a peer mentor", exchange, status: .badRequest) }
        // Counted once the form is right, so putting a mistake right never uses up a try.
        let address = exchange.context.clientAddress ?? "unknown"
        guard try await store.hit(key: "apply:\(address)", limit: Self.applicationsPerAddress, window: Self.applicationWindow, at: now()) else {
            model.problem =
                "A lot of applications have come from this connection in the last hour. Nothing you typed is lost: please wait an hour, then press Send my application again."
            var response = page("apply", model, title: "Apply to be a peer mentor", exchange, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(Self.applicationWindow))
            return response
        }
        _ = try await submitApplication(name: name, email: email, contact: contact, note: note, programme: programme)
        // The same thanks whether or not the address had an account: the form tells no one who has one.
        return redirect("/applied")
    }

    /// Makes the applicant, their record and their link to set a password, in one transaction.
    /// Returns the link's path (to go in their email), or nil when the address has an account
    /// already and nothing was made.
    func submitApplication(name: String, email: String, contact: String, note: String, programme: Programme) async throws -> String? {
        let token = Tokens.random()
        let path = "/\(TokenPurpose.invite.rawValue)/\(token)"
        var application = OnlineApplication(
            name: name,
            email: email,
            contact: contact,
            note: note,
            programme: programme,
            inviteTokenHash: Tokens.hash(token),
            inviteExpiresAt: now().addingTimeInterval(24 * 3_600),
            at: now()
        )
        application.mail = [mailWords.applicationReceived(to: application.person, path: path)]
        guard case .submitted = try await store.submitApplication(application) else { return nil }
        return path
    }

    private func applyModel(_ programme: Programme, _ programmeID: String?) -> ApplyModel {
        ApplyModel(programme, programmeID: programmeID, organisation: certificates.issuer.name, retention: applicantRetention)
    }

    private func noSuchProgramme(_ exchange: Exchange) -> Response {
        page(
            "message",
            MessageModel(
                heading: "We could not find that programme",
                text: "The link may be old, or mistyped. You can still apply: go to the application form at /apply, or ask whoever gave you the link."
            ),
            title: "We could not find that programme",
            exchange,
            status: .notFound
        )
    }

    private func applicationsClosed(_ exchange: Exchange, status: HTTPResponse.Status = .ok) -> Response {
        page(
            "message",
            MessageModel(
                heading: "Applications are closed for now",
                text:
                    "Thank you for your interest. We are not taking applications online at the moment. You can still ask about becoming a peer mentor: talk to the person who told you about us (for example your probation officer, key worker or a peer mentor), or get in touch with \(certificates.issuer.name) directly. Nothing you typed has been kept."
            ),
            title: "Applications are closed for now",
            exchange,
            status: status
        )
    }
}

/// The application form, as sent back when something needs putting right.
struct ApplyModel {
    var action: String
    var programme: String
    /// Who reads applications: the organisation named on certificates.
    var organisation: String
    /// How long an application nothing comes of is kept, in words.
    var keptFor: String
    var name = ""
    var email = ""
    var contact = ""
    var note = ""
    var nameError: String?
    var emailError: String?
    var contactError: String?
    var noteError: String?
    /// A problem with the whole form (too many from one connection).
    var problem: String?
    var hasErrors: Bool { nameError != nil || emailError != nil || contactError != nil || noteError != nil || problem != nil }

    init(_ programme: Programme, programmeID: String?, organisation: String, retention: ApplicantRetention) {
        action = programmeID.map { "/apply/\($0)" } ?? "/apply"
        self.programme = programme.title
        self.organisation = organisation
        keptFor = ApplyModel.inWords(days: retention.days)
    }

    /// Everything typed, as it was typed.
    mutating func keep(_ form: FormFields) {
        name = form["name"] ?? ""
        email = form["email"] ?? ""
        contact = form["contact"] ?? ""
        note = form["note"] ?? ""
    }

    /// Optional text that passes its rule, or "" with the problem in `error`.
    func checked(_ typed: String, _ rule: FreeText, error: inout String?) -> String {
        switch rule.check(typed) {
        case .problem(let problem):
            error = problem
            return ""
        case .text(let text): return text
        }
    }

    /// "6 months" for 183 days, "30 days" for 30: months when it is about a whole number of them.
    static func inWords(days: Int) -> String {
        let months = (Double(days) / 30.44).rounded()
        if days >= 56, abs(Double(days) - months * 30.44) < 4 { return "\(Int(months)) months" }
        return days == 1 ? "1 day" : "\(days) days"
    }
}

/// The thank-you page after applying.
struct AppliedModel {
    var sendsEmail: Bool
}

extension Web {
    /// The admin's switch for the public application form, and its links to hand out.
    func addApplicationSettingRoutes(to router: Router<WebContext>) {
        let admin = group(router, .only([.admin]))

        admin.get("/applications") { exchange in
            let notice = exchange.query("notice").flatMap { ["opened": "Applications are open.", "closed": "Applications are closed."][$0] }
            return page("applications", try await applicationsModel(), title: "Applications", exchange, notice: notice)
        }

        admin.post("/applications") { exchange in
            // Never a change that was not chosen: anything but the form's two buttons is asked about.
            guard let open = ["open": true, "closed": false][exchange.form["applications"] ?? ""] else {
                var model = try await applicationsModel()
                model.problem = "Choose whether to open or close applications with one of the buttons. Nothing was changed."
                return page("applications", model, title: "Applications", exchange, status: .badRequest)
            }
            try await store.setApplicationsOpen(open, by: try exchange.person.id, at: now())
            return redirect("/applications?notice=\(open ? "opened" : "closed")#main")
        }
    }

    private func applicationsModel() async throws -> ApplicationsModel {
        let base = certificates.issuer.baseURL
        let programmes = curriculum.current.programmes
        return ApplicationsModel(
            open: try await store.applicationsOpen(),
            links: programmes.enumerated().map { index, programme in
                // The first programme's form is /apply itself: the shortest address to print.
                ApplicationsModel.Link(label: programme.title, address: base + (index == 0 ? "/apply" : "/apply/\(programme.id)"))
            },
            keptFor: ApplyModel.inWords(days: applicantRetention.days)
        )
    }
}

/// Whether the public form is open, and its address for each programme.
struct ApplicationsModel {
    struct Link {
        var label: String
        var address: String
    }

    var open: Bool
    var links: [Link]
    var keptFor: String
    var problem: String?
}
