import Foundation
import GRDB
import WaymarkProgress

/// How each kind of event is laid out in the `events` table's typed columns.
struct EventColumns {
    var kind: String
    var subject: String?
    var outcome: String?
    var amount: Double?
    var onDate: Double?
    var body: String?
    var detail: String?

    init(_ kind: EventKind) throws {
        self.kind = kind.name
        switch kind {
        case .applicationSubmitted, .paused, .resumed, .withdrawn, .personalDataErased:
            break
        case .checkRecorded(let checkID, let outcome, let note):
            subject = checkID
            self.outcome = outcome.rawValue
            body = note
        case .suitabilityDecided(let decision, let revisitOn):
            outcome = decision.rawValue
            onDate = revisitOn?.timeIntervalSince1970
        case .unitRead(let moduleID):
            subject = moduleID
        case .assessmentAttempted(let attempt):
            subject = attempt.assessmentID
            body = attempt.moduleID
            amount = attempt.percent
            detail = String(decoding: try JSONEncoder().encode(attempt), as: UTF8.self)
        case .reflectionSubmitted(let promptID, let text):
            subject = promptID
            body = text
        case .reflectionReviewed(let promptID, let outcome, let feedback):
            subject = promptID
            self.outcome = outcome.rawValue
            body = feedback
        case .practiceLogged(let entryID, let on, let hours, let setting):
            subject = entryID
            onDate = on.timeIntervalSince1970
            amount = hours
            body = setting
        case .practiceCountersigned(let entryID):
            subject = entryID
        case .supervisionRecorded(let on, let minutes, let supervisorID, let wellbeing):
            subject = supervisorID
            onDate = on.timeIntervalSince1970
            amount = Double(minutes)
            outcome = wellbeing.rawValue
        case .cpdLogged(let on, let hours, let activity):
            onDate = on.timeIntervalSince1970
            amount = hours
            body = activity
        case .certificateIssued(let code, let validUntil):
            subject = code
            onDate = validUntil?.timeIntervalSince1970
        case .certificateRenewed(let previousCode, let code, let validUntil):
            subject = code
            body = previousCode
            onDate = validUntil?.timeIntervalSince1970
        case .certificateSuspended(let code), .certificateReinstated(let code), .certificateRevoked(let code):
            subject = code
        }
    }

    /// Rebuilds the event kind; nil for a row this version of Waymark does not know.
    static func kind(from row: Row, at offset: Int) throws -> EventKind? {
        let name: String = row[offset]
        let subject: String? = row[offset + 1]
        let outcome: String? = row[offset + 2]
        let amount: Double? = row[offset + 3]
        let onDate: Double? = row[offset + 4]
        let body: String? = row[offset + 5]
        func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }
        switch name {
        case "application-submitted": return .applicationSubmitted
        case "paused": return .paused
        case "resumed": return .resumed
        case "withdrawn": return .withdrawn
        case "personal-data-erased": return .personalDataErased
        case "check-recorded":
            return .checkRecorded(checkID: subject ?? "", outcome: CheckOutcome(rawValue: outcome ?? "") ?? .needsFollowUp, note: body)
        case "suitability-decided":
            return .suitabilityDecided(decision: SuitabilityDecision(rawValue: outcome ?? "") ?? .notYet, revisitOn: date(onDate))
        case "unit-read": return .unitRead(moduleID: subject ?? "")
        case "assessment-attempted":
            let detail: String? = row[offset + 6]
            guard let data = detail?.data(using: .utf8) else { return nil }
            return .assessmentAttempted(try JSONDecoder().decode(AttemptRecord.self, from: data))
        case "reflection-submitted": return .reflectionSubmitted(promptID: subject ?? "", text: body ?? "")
        case "reflection-reviewed":
            return .reflectionReviewed(promptID: subject ?? "", outcome: ReviewOutcome(rawValue: outcome ?? "") ?? .revisit, feedback: body ?? "")
        case "practice-logged":
            return .practiceLogged(entryID: subject ?? "", on: date(onDate) ?? .distantPast, hours: amount ?? 0, setting: body ?? "")
        case "practice-countersigned": return .practiceCountersigned(entryID: subject ?? "")
        case "supervision-recorded":
            return .supervisionRecorded(
                on: date(onDate) ?? .distantPast,
                minutes: Int(amount ?? 0),
                supervisorID: subject ?? "",
                wellbeing: WellbeingCheck(rawValue: outcome ?? "") ?? .good
            )
        case "cpd-logged": return .cpdLogged(on: date(onDate) ?? .distantPast, hours: amount ?? 0, activity: body ?? "")
        case "certificate-issued": return .certificateIssued(code: subject ?? "", validUntil: date(onDate))
        case "certificate-renewed": return .certificateRenewed(previousCode: body ?? "", code: subject ?? "", validUntil: date(onDate))
        case "certificate-suspended": return .certificateSuspended(code: subject ?? "")
        case "certificate-reinstated": return .certificateReinstated(code: subject ?? "")
        case "certificate-revoked": return .certificateRevoked(code: subject ?? "")
        default: return nil
        }
    }
}

extension EventKind {
    /// The name stored in the `kind` column.
    var name: String {
        switch self {
        case .applicationSubmitted: "application-submitted"
        case .checkRecorded: "check-recorded"
        case .suitabilityDecided: "suitability-decided"
        case .unitRead: "unit-read"
        case .assessmentAttempted: "assessment-attempted"
        case .reflectionSubmitted: "reflection-submitted"
        case .reflectionReviewed: "reflection-reviewed"
        case .practiceLogged: "practice-logged"
        case .practiceCountersigned: "practice-countersigned"
        case .supervisionRecorded: "supervision-recorded"
        case .cpdLogged: "cpd-logged"
        case .certificateIssued: "certificate-issued"
        case .certificateRenewed: "certificate-renewed"
        case .certificateSuspended: "certificate-suspended"
        case .certificateReinstated: "certificate-reinstated"
        case .certificateRevoked: "certificate-revoked"
        case .paused: "paused"
        case .resumed: "resumed"
        case .withdrawn: "withdrawn"
        case .personalDataErased: "personal-data-erased"
        }
    }
}
