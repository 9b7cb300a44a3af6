import Foundation
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
    var answers: String?

    init(_ kind: EventKind) throws {
        self.kind = kind.tag.name
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
            detail = AttemptScores.encode(attempt)
            answers = String(decoding: try JSONEncoder().encode(attempt.answers), as: UTF8.self)
        case .anotherTryAllowed(let assessmentID):
            subject = assessmentID
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
}

extension EventKind {
    /// The value stored in the `kind` column.
    var tag: EventKindTag {
        switch self {
        case .applicationSubmitted: .applicationSubmitted
        case .checkRecorded: .checkRecorded
        case .suitabilityDecided: .suitabilityDecided
        case .unitRead: .unitRead
        case .assessmentAttempted: .assessmentAttempted
        case .anotherTryAllowed: .anotherTryAllowed
        case .reflectionSubmitted: .reflectionSubmitted
        case .reflectionReviewed: .reflectionReviewed
        case .practiceLogged: .practiceLogged
        case .practiceCountersigned: .practiceCountersigned
        case .supervisionRecorded: .supervisionRecorded
        case .cpdLogged: .cpdLogged
        case .certificateIssued: .certificateIssued
        case .certificateRenewed: .certificateRenewed
        case .certificateSuspended: .certificateSuspended
        case .certificateReinstated: .certificateReinstated
        case .certificateRevoked: .certificateRevoked
        case .paused: .paused
        case .resumed: .resumed
        case .withdrawn: .withdrawn
        case .personalDataErased: .personalDataErased
        }
    }
}

/// An attempt's scores as compact text, `70|2|q1=1;q2=0.5` (pass mark, possible points, then
/// points per question), read with plain string splitting: cohort reports read hundreds of
/// thousands of attempts, and Codable JSON took 60% of that time.
enum AttemptScores {
    static func encode(_ attempt: AttemptRecord) -> String {
        let points = attempt.points.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        return "\(attempt.passMark)|\(attempt.possiblePoints)|\(points)"
    }

    static func decode(_ text: UnsafeBufferPointer<UInt8>?, assessmentID: String, moduleID: String, strings: inout StringReuse) -> AttemptRecord? {
        guard let text else { return nil }
        let parts = text.split(separator: UInt8(ascii: "|"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let passMark = number(parts[0]), let possible = number(parts[1]) else { return nil }
        let entries = parts[2].split(separator: UInt8(ascii: ";"))
        var points: [String: Double] = Dictionary(minimumCapacity: entries.count)
        for entry in entries {
            guard let equals = entry.lastIndex(of: UInt8(ascii: "=")), let value = number(entry[(equals + 1)...]),
                let key = strings.string(UnsafeBufferPointer(rebasing: entry[..<equals]))
            else { return nil }
            points[key] = value
        }
        return AttemptRecord(
            assessmentID: assessmentID,
            moduleID: moduleID,
            answers: [:],
            points: points,
            possiblePoints: possible,
            passMark: passMark
        )
    }

    private static func number(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        Double(String(decoding: bytes, as: UTF8.self))
    }
}

extension EventKind {
    /// An event's kind from its typed columns (as `EventColumns` lays them out); nil for an
    /// attempt whose scores cannot be read. Shared by the SQLite and PostgreSQL readers.
    static func read(
        _ tag: EventKindTag,
        subject: String?,
        outcome: String?,
        amount: Double?,
        onDate: Date?,
        body: () -> String?,
        attempt: () throws -> AttemptRecord?
    ) rethrows -> EventKind? {
        switch tag {
        case .applicationSubmitted: return .applicationSubmitted
        case .paused: return .paused
        case .resumed: return .resumed
        case .withdrawn: return .withdrawn
        case .personalDataErased: return .personalDataErased
        case .checkRecorded:
            return .checkRecorded(checkID: subject ?? "", outcome: CheckOutcome(rawValue: outcome ?? "") ?? .needsFollowUp, note: body())
        case .suitabilityDecided:
            return .suitabilityDecided(decision: SuitabilityDecision(rawValue: outcome ?? "") ?? .notYet, revisitOn: onDate)
        case .unitRead: return .unitRead(moduleID: subject ?? "")
        case .assessmentAttempted:
            guard let attempt = try attempt() else { return nil }
            return .assessmentAttempted(attempt)
        case .anotherTryAllowed: return .anotherTryAllowed(assessmentID: subject ?? "")
        case .reflectionSubmitted: return .reflectionSubmitted(promptID: subject ?? "", text: body() ?? "")
        case .reflectionReviewed:
            return .reflectionReviewed(promptID: subject ?? "", outcome: ReviewOutcome(rawValue: outcome ?? "") ?? .revisit, feedback: body() ?? "")
        case .practiceLogged:
            return .practiceLogged(entryID: subject ?? "", on: onDate ?? .distantPast, hours: amount ?? 0, setting: body() ?? "")
        case .practiceCountersigned: return .practiceCountersigned(entryID: subject ?? "")
        case .supervisionRecorded:
            return .supervisionRecorded(
                on: onDate ?? .distantPast,
                minutes: Int(amount ?? 0),
                supervisorID: subject ?? "",
                wellbeing: WellbeingCheck(rawValue: outcome ?? "") ?? .good
            )
        case .cpdLogged: return .cpdLogged(on: onDate ?? .distantPast, hours: amount ?? 0, activity: body() ?? "")
        case .certificateIssued: return .certificateIssued(code: subject ?? "", validUntil: onDate)
        case .certificateRenewed: return .certificateRenewed(previousCode: body() ?? "", code: subject ?? "", validUntil: onDate)
        case .certificateSuspended: return .certificateSuspended(code: subject ?? "")
        case .certificateReinstated: return .certificateReinstated(code: subject ?? "")
        case .certificateRevoked: return .certificateRevoked(code: subject ?? "")
        }
    }
}

extension EventColumns {
    /// An attempt's answers as its `answers` column keeps them (JSON, written by `init`).
    static func answers(_ json: Data) throws -> [String: Answer] {
        try JSONDecoder().decode([String: Answer].self, from: json)
    }
}
