import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// Whether the engine allows a certificate event, and what the certificate then says: issuing
/// needs eligibility, renewing needs renewal to be open and met. Pure, so the store only writes
/// the change these rules decide.
public enum CertificateEligibility {
    /// The certificate row change a certificate event makes, after checking the engine allows it,
    /// given the trainee's events before it. Nil for events that are not about a certificate.
    /// Throws `CertificateRefusal` saying what is still missing.
    public static func change(for event: TraineeEvent, on programme: Programme, before events: [TraineeEvent]) throws -> CertificateChange? {
        switch event.kind {
        case .certificateIssued(let code, let validUntil):
            let status = Progression.evaluate(programme, events, now: event.at)
            guard status.eligibility.isEligible else {
                if status.eligibility.missing.isEmpty {
                    throw CertificateRefusal("A certificate cannot be issued: this person holds one already. Renew it when renewal is due.")
                }
                throw CertificateRefusal(
                    "Not ready for a certificate yet. Still missing:\n" + status.eligibility.missing.map { "  - \($0)" }.joined(separator: "\n")
                )
            }
            return .issue(code: code, achievement: achievement(of: programme), validUntil: validUntil)
        case .certificateRenewed(let previousCode, let code, let validUntil):
            let status = Progression.evaluate(programme, events, now: event.at)
            guard let renewal = status.renewal else {
                throw CertificateRefusal("This certificate cannot be renewed: it does not expire, was revoked, or the programme has no renewal.")
            }
            guard renewal.isOpen else {
                throw CertificateRefusal("Renewal opens on \(renewal.opensOn.formatted(.iso8601.year().month().day())).")
            }
            guard renewal.isMet else {
                let missing = renewal.requirements.filter { !$0.isMet }.map { "  - \($0.title): \(count($0.done)) of \(count($0.needed))" }
                throw CertificateRefusal("Not ready for renewal yet. Still missing:\n" + missing.joined(separator: "\n"))
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
            description: plain(programme.certificate.description),
            criteria: plain(programme.certificate.criteria)
        )
    }

    private static func plain(_ text: [Inline]) -> String {
        text.plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func count(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
