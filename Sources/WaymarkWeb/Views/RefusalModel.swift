import Foundation
import HTTPTypes
import WaymarkProgress

/// The page a trainee sees when the rules say "not now": why, and what to do next. Nothing
/// they sent is kept, and the page says so where they sent something.
struct RefusalModel {
    struct Link {
        var href: String
        var label: String
    }

    var heading: String
    var why: String
    var next: String
    var link: Link?

    init(_ refusal: Refusal, sent: Bool, dates: WebDates) {
        let nothingKept = sent ? " Nothing you sent was saved." : ""
        switch refusal {
        case .unknown, .waitingForRecruitment:
            heading = "This part of the training is not open yet"
            why = "It opens when your recruitment checks are done and your coordinator has talked with you about starting training.\(nothingKept)"
            next = "Your coordinator will be in touch. Until then, your next step page shows what is open to you."
        case .finishFirst(let modules):
            heading = "This part of the training is not open yet"
            why = "It opens when you have finished \(Self.list(modules.map { "“\($0.title)”" })).\(nothingKept)"
            next = modules.first.map { "Start with “\($0.title)”: read it, then take its check." } ?? "Your next step page shows what is open to you."
            link = modules.first.map { Link(href: "/modules/\($0.id)", label: "Go to “\($0.title)”") }
        case .coolingDown(let until):
            heading = "Take a short break first"
            why = "You can try this check again after \(dates.dayAndTime(until)).\(nothingKept)"
            next = "A break helps. You could look at the unit again while you wait."
        case .noTriesLeft:
            heading = "You have used every try for this check"
            why = "That is not the end.\(nothingKept)"
            next = "Talk to your coordinator. They can give you another try when you are ready."
        case .practiceNotOpen(let after):
            heading = "Your practice has not started yet"
            why =
                (after.map { "Practice opens when you have finished “\($0.title)”." } ?? "Practice opens when your training starts.")
                + nothingKept
            next = "Keep going with your training. Your next step page shows what to do now."
            link = after.map { Link(href: "/modules/\($0.id)", label: "Go to “\($0.title)”") }
        case .noPractice:
            heading = "This programme has no practice to log"
            why = "Your programme is finished with training alone, so there are no practice hours to keep.\(nothingKept)"
            next = "Your next step page shows what to do now."
        case .noCertificateToRenew:
            heading = "You can log CPD hours once you have a certificate"
            why =
                "CPD (continuing professional development) is the learning you do after you are certified, to renew your certificate."
                + nothingKept
            next = "Your next step page shows what to do now."
        }
    }

    /// 403 for a part that is not open to them yet; 409 for a check they may take, but not now.
    static func status(_ refusal: Refusal) -> HTTPResponse.Status {
        switch refusal {
        case .coolingDown, .noTriesLeft: .conflict
        case .unknown: .notFound
        case .waitingForRecruitment, .finishFirst, .practiceNotOpen, .noPractice: .forbidden
        case .noCertificateToRenew: .conflict
        }
    }

    /// When a locked module or prompt opens, for the lists that show it without a link.
    static func lockNote(_ refusal: Refusal) -> String? {
        switch refusal {
        case .waitingForRecruitment: "opens when your recruitment checks are done"
        case .finishFirst(let modules): "opens when you have finished \(list(modules.map { "“\($0.title)”" }))"
        case .unknown, .coolingDown, .noTriesLeft, .practiceNotOpen, .noPractice, .noCertificateToRenew: nil
        }
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}

extension RefusalModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .heading: reader.read { $0.pointee.heading }
        case .why: reader.read { $0.pointee.why }
        case .next: reader.read { $0.pointee.next }
        case .link: reader.read { $0.pointee.link }
        default: break
        }
    }
}

extension RefusalModel.Link: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .href: reader.read { $0.pointee.href }
        case .label: reader.read { $0.pointee.label }
        default: break
        }
    }
}
