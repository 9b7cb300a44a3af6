import Foundation
import WaymarkCredentials
import WaymarkProgress
import WaymarkStore

extension Web {
    /// What the public verify page may say about a certificate: holder, achievement, issuer,
    /// dates and status. Never recruitment, history or anything else about the person.
    struct VerifiedModel {
        var code: String
        var holder: String
        var achievement: String
        var issuer: String
        var issued: String
        var validUntil: String?
        var status: String
        var statusClass: String
        var explanation: String
        var supersededBy: String?
    }

    struct CertificateLookup {
        var traineeID: String
        var model: VerifiedModel
    }

    func certificateStatus(_ code: CertificateCode) async throws -> CertificateLookup? {
        guard let holder = try await store.certificateHolder(code: code.description),
            let programme = curriculum.current.programme(holder.programmeID),
            let person = try await store.person(id: holder.traineeID)
        else { return nil }
        let events = try await store.eventsForProgress(traineeID: holder.traineeID, programmeID: holder.programmeID)
        var issuedAt: Date?
        var validUntil: Date?
        var isCurrent = false
        var suspended = false
        var revoked = false
        for event in events {
            switch event.kind {
            case .certificateIssued(let issued, let until), .certificateRenewed(_, let issued, let until):
                isCurrent = issued == code.description
                if isCurrent {
                    issuedAt = event.at
                    validUntil = until
                    suspended = false
                    revoked = false
                }
            case .certificateSuspended(let affected) where affected == code.description: suspended = true
            case .certificateReinstated(let affected) where affected == code.description: suspended = false
            case .certificateRevoked(let affected) where affected == code.description: revoked = true
            default: break
            }
        }
        let newer = try await store.renewal(of: code.description)
        let (status, statusClass, explanation): (String, String, String)
        if revoked {
            (status, statusClass, explanation) = ("Revoked", "bad", "This certificate has been withdrawn and is no longer valid.")
        } else if let newer {
            (status, statusClass, explanation) = ("Superseded", "old", "This certificate was renewed. The new one is \(newer).")
        } else if suspended {
            (status, statusClass, explanation) = ("Suspended", "bad", "This certificate is on hold and is not valid at the moment.")
        } else if let validUntil, validUntil <= now() {
            (status, statusClass, explanation) = ("Expired", "bad", "This certificate was valid, but its end date has passed.")
        } else {
            (status, statusClass, explanation) = ("Valid", "good", "This certificate is genuine and valid today.")
        }
        _ = isCurrent
        return CertificateLookup(
            traineeID: holder.traineeID,
            model: VerifiedModel(
                code: code.description,
                holder: person.name,
                achievement: programme.certificate.title,
                issuer: programme.title,
                issued: issuedAt.map(WebDates.day) ?? "",
                validUntil: validUntil.map(WebDates.day),
                status: status,
                statusClass: statusClass,
                explanation: explanation,
                supersededBy: newer
            )
        )
    }
}

/// Dates as people read them, in the organisation's time zone (stored times are UTC).
enum WebDates {
    static let timeZone =
        ProcessInfo.processInfo.environment["WAYMARK_TIME_ZONE"].flatMap(TimeZone.init(identifier:))
        ?? TimeZone(identifier: "Europe/London") ?? .gmt

    static func day(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .long, time: .omitted, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    static func dayAndTime(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: timeZone).locale(Locale(identifier: "en_GB")))
    }

    /// "2026-11-26" for date inputs, in the organisation's time zone.
    static func input(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// Reads a date input ("2026-11-26") as noon in the organisation's time zone.
    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }
}
