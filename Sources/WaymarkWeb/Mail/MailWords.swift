import Foundation
import WaymarkProgress
import WaymarkStore

/// The words of every email Waymark sends, in one place: each kind's subject and its lines,
/// given once and written twice, as plain text and as simple HTML (every piece escaped).
///
/// Plain, kind and short, like the pages. Never anything about convictions, DBS checks or
/// wellbeing: an email may be read by someone else, on a shared phone or a work computer
/// (`MailWordsTests` checks every kind against a list of such words).
struct MailWords: Sendable {
    /// The site's address, with no slash at the end: links are built from it.
    let baseURL: String
    /// Who the emails are from, in words ("Waymark", or the organisation's name).
    let sender: String
    /// How dates are written, in the organisation's time zone.
    let dates: WebDates

    init(baseURL: String, sender: String = "Waymark", dates: WebDates) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.sender = sender
        self.dates = dates
    }

    /// One line of an email: words, or a link shown as its own address (so it can be copied
    /// from a plain-text email too).
    enum Line {
        case text(String)
        case link(String)
    }

    func invite(to person: Person, path: String) -> OutboxDraft {
        draft(
            .invite,
            to: person,
            subject: "You are invited to \(sender)",
            [
                .text("Hello \(person.name),"),
                .text("You have been given an account on \(sender). To start, choose your password. Open this link (it works once, in the next 24 hours):"),
                .link(baseURL + path),
                .text("If the link has stopped working, ask your coordinator for a new one. If you were not expecting this email, you can ignore it."),
            ]
        )
    }

    /// To someone who applied on the public form: thanks, what happens next, and their link.
    func applicationReceived(to person: Person, path: String) -> OutboxDraft {
        draft(
            .invite,
            to: person,
            subject: "Thank you for applying to \(sender)",
            [
                .text("Hello \(person.name),"),
                .text("Thank you for applying to be a peer mentor. A coordinator will read what you sent and be in touch."),
                .text("You can choose a password now, to sign in and see what comes next. Open this link (it works once, in the next 24 hours):"),
                .link(baseURL + path),
                .text("If the link has stopped working, a coordinator can give you a new one. If you did not apply, you can ignore this email."),
            ]
        )
    }

    func passwordReset(to person: Person, path: String) -> OutboxDraft {
        draft(
            .passwordReset,
            to: person,
            subject: "Choose a new password for \(sender)",
            [
                .text("Hello \(person.name),"),
                .text("Someone asked to choose a new password for your account. If it was you, open this link (it works once, in the next hour):"),
                .link(baseURL + path),
                .text("If it was not you, you can ignore this email. Your password has not changed."),
            ]
        )
    }

    func certificateIssued(to person: Person, title: String) -> OutboxDraft {
        draft(
            .certificateIssued,
            to: person,
            subject: "Your certificate is ready",
            [
                .text("Hello \(person.name),"),
                .text("Well done. Your certificate, \(title), is ready. You can see it, print it and share it here (sign in first):"),
                .link(baseURL + "/certificate"),
            ]
        )
    }

    func certificateExpiring(_ certificate: ExpiringCertificate) -> OutboxDraft {
        draft(
            .certificateExpiring,
            to: certificate.holder,
            subject: "Your certificate ends on \(dates.day(certificate.validUntil))",
            [
                .text("Hello \(certificate.holder.name),"),
                .text("Your certificate, \(certificate.title), ends on \(dates.day(certificate.validUntil)). To keep it, it needs renewing before then."),
                .text("You can see what renewing needs, and log your learning hours, here (sign in first):"),
                .link(baseURL + "/cpd"),
                .text("If you have questions, your coordinator can help."),
            ],
            onceKey: "certificate-expiring:\(certificate.code)"
        )
    }

    func reflectionSentBack(to person: Person) -> OutboxDraft {
        draft(
            .reflectionSentBack,
            to: person,
            subject: "Your coordinator has read your reflection",
            [
                .text("Hello \(person.name),"),
                .text("Your coordinator has read one of your reflections and asked you to have another look at it. This is a normal part of learning."),
                .text("You can read what they said here (sign in first):"),
                .link(baseURL + "/reflections"),
            ]
        )
    }

    /// `week` numbers the week, so one supervisor is written at most once in it.
    func supervisionOverdue(_ supervisor: OverdueSupervisor, week: Int) -> OutboxDraft {
        let mentors = supervisor.overdueMentors == 1 ? "One of your mentors is" : "\(supervisor.overdueMentors) of your mentors are"
        return draft(
            .supervisionOverdue,
            to: supervisor.person,
            subject: "Supervision sessions are due",
            [
                .text("Hello \(supervisor.person.name),"),
                .text("\(mentors) due a supervision session. You can see who, and record a session, here (sign in first):"),
                .link(baseURL + "/mentors"),
                .text("We will remind you at most once a week."),
            ],
            onceKey: "supervision-overdue:\(supervisor.person.id):\(week)"
        )
    }

    /// `day` numbers the day, so one coordinator is written at most once in it.
    func newApplications(to coordinator: Person, count: Int, day: Int) -> OutboxDraft {
        let applications = count == 1 ? "There is 1 new application" : "There are \(count) new applications"
        return draft(
            .newApplications,
            to: coordinator,
            subject: count == 1 ? "1 new application" : "\(count) new applications",
            [
                .text("Hello \(coordinator.name),"),
                .text("\(applications) since we last wrote. You can read them here (sign in first):"),
                .link(baseURL + "/cohort?stage=\(Stage.applicant.rawValue)"),
                .text("We will write at most once a day."),
            ],
            onceKey: "new-applications:\(coordinator.id):\(day)"
        )
    }

    private func draft(_ kind: OutboxKind, to person: Person, subject: String, _ lines: [Line], onceKey: String? = nil) -> OutboxDraft {
        OutboxDraft(
            personID: person.id,
            address: person.email,
            kind: kind,
            subject: subject,
            plainText: Self.plainText(lines, sender: sender),
            html: Self.html(lines, subject: subject, sender: sender),
            onceKey: onceKey
        )
    }

    static func plainText(_ lines: [Line], sender: String) -> String {
        (lines + [.text("From \(sender)")]).map { line in
            switch line {
            case .text(let text), .link(let text): text
            }
        }.joined(separator: "\n\n") + "\n"
    }

    static func html(_ lines: [Line], subject: String, sender: String) -> String {
        let body = (lines + [.text("From \(sender)")]).map { line in
            switch line {
            case .text(let text): "<p>\(HTMLWriter.escape(text))</p>"
            case .link(let url): "<p><a href=\"\(HTMLWriter.escape(url))\">\(HTMLWriter.escape(url))</a></p>"
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTMLWriter.escape(subject))</title></head>
            <body style="font-family: sans-serif; font-size: 16px; line-height: 1.5;">
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }
}
