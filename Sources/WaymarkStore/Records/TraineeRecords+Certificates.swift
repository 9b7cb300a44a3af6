import Foundation
import WaymarkCurriculum
import WaymarkProgress

extension TraineeRecords {
    /// Issues a certificate with the given code (see `CertificateCode.random()`), valid for as
    /// long as the programme says. Refused, saying what is still missing, unless the engine says
    /// the trainee is eligible.
    @discardableResult
    public func issueCertificate(
        code: String,
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date,
        mail: [OutboxDraft] = []
    ) async throws
        -> TraineeStatus
    {
        try await record(
            .certificateIssued(code: code, validUntil: Self.validUntil(issuedAt: now, on: programme)),
            for: traineeID,
            on: programme,
            by: actorID,
            at: now,
            mail: mail
        )
    }

    /// Renews a certificate: a new one with a new code replaces `previousCode`, which from then
    /// on shows as superseded and links to the new one. Refused unless renewal is open and met.
    @discardableResult
    public func renewCertificate(
        _ previousCode: String,
        newCode code: String,
        for traineeID: String,
        on programme: Programme,
        by actorID: String,
        at now: Date
    ) async throws -> TraineeStatus {
        try await record(
            .certificateRenewed(previousCode: previousCode, code: code, validUntil: Self.validUntil(issuedAt: now, on: programme)),
            for: traineeID,
            on: programme,
            by: actorID,
            at: now
        )
    }

    /// Suspends a certificate; the reason is kept for coordinators and never shown publicly.
    @discardableResult
    public func suspendCertificate(
        _ code: String,
        of traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String,
        at now: Date
    )
        async throws -> TraineeStatus
    {
        try await record(.certificateSuspended(code: code), for: traineeID, on: programme, by: actorID, reason: reason, at: now)
    }

    /// Lifts a suspension.
    @discardableResult
    public func reinstateCertificate(
        _ code: String,
        of traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String? = nil,
        at now: Date
    )
        async throws -> TraineeStatus
    {
        try await record(.certificateReinstated(code: code), for: traineeID, on: programme, by: actorID, reason: reason, at: now)
    }

    /// Revokes a certificate for good; the reason is kept for coordinators and never shown publicly.
    @discardableResult
    public func revokeCertificate(
        _ code: String,
        of traineeID: String,
        on programme: Programme,
        by actorID: String,
        reason: String,
        at now: Date
    )
        async throws -> TraineeStatus
    {
        try await record(.certificateRevoked(code: code), for: traineeID, on: programme, by: actorID, reason: reason, at: now)
    }

    /// When a certificate issued at `issuedAt` stops being valid: that many calendar months
    /// later (UTC), or nil when the programme's certificate does not expire.
    public static func validUntil(issuedAt: Date, on programme: Programme) -> Date? {
        guard let months = programme.certificate.validForMonths else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.date(byAdding: .month, value: months, to: issuedAt)
    }

    /// What a certificate of this programme certifies, in plain text, to copy into the certificate.
    public static func achievement(of programme: Programme) -> CertifiedAchievement {
        CertifiedAchievement(
            title: programme.certificate.title,
            description: Self.plain(programme.certificate.description),
            criteria: Self.plain(programme.certificate.criteria)
        )
    }

    private static func plain(_ text: [Inline]) -> String {
        text.plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The certificate row change a certificate event makes, after checking the engine allows it:
    /// issuing needs eligibility, renewing needs renewal to be open and met. Nil for other events.
    static func certificateChange(for event: TraineeEvent, on programme: Programme, before events: [TraineeEvent]) throws -> CertificateChange? {
        switch event.kind {
        case .certificateIssued(let code, let validUntil):
            let status = Progression.evaluate(programme, events, now: event.at)
            guard status.eligibility.isEligible else {
                if status.eligibility.missing.isEmpty {
                    throw StoreError.refused("A certificate cannot be issued: this person holds one already. Renew it when renewal is due.")
                }
                throw StoreError.refused(
                    "Not ready for a certificate yet. Still missing:\n" + status.eligibility.missing.map { "  - \($0)" }.joined(separator: "\n")
                )
            }
            return .issue(code: code, achievement: achievement(of: programme), validUntil: validUntil)
        case .certificateRenewed(let previousCode, let code, let validUntil):
            let status = Progression.evaluate(programme, events, now: event.at)
            guard let renewal = status.renewal else {
                throw StoreError.refused("This certificate cannot be renewed: it does not expire, was revoked, or the programme has no renewal.")
            }
            guard renewal.isOpen else {
                throw StoreError.refused("Renewal opens on \(renewal.opensOn.formatted(.iso8601.year().month().day())).")
            }
            guard renewal.isMet else {
                let missing = renewal.requirements.filter { !$0.isMet }.map { "  - \($0.title): \(Self.count($0.done)) of \(Self.count($0.needed))" }
                throw StoreError.refused("Not ready for renewal yet. Still missing:\n" + missing.joined(separator: "\n"))
            }
            return .renew(previousCode: previousCode, code: code, achievement: achievement(of: programme), validUntil: validUntil)
        case .certificateSuspended(let code):
            return .suspend(code: code, reason: event.reason ?? "")
        case .certificateReinstated(let code):
            return .reinstate(code: code)
        case .certificateRevoked(let code):
            return .revoke(code: code, reason: event.reason ?? "")
        default:
            return nil
        }
    }

    private static func count(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
