import Foundation

/// A certificate as the store keeps it: who holds it, what it certifies, its dates and state.
///
/// The achievement (title, description, criteria) is copied in when the certificate is issued,
/// so a later edit of the programme never changes what was certified. The reason for a
/// suspension or revocation is for coordinators only: nothing public shows it.
public struct CertificateRecord: Sendable, Hashable {
    /// The code as people read it: `WM-XXXX-XXXX-XXXX-XXXX-C`.
    public var code: String
    /// The holder (a person's id) and the programme the certificate is for.
    public var traineeID: String
    public var programmeID: String
    /// The programme version in force when it was issued.
    public var programmeVersion: String
    /// The holder's name as it was when the certificate was issued ("Erased" after erasure).
    public var holderName: String
    /// What was achieved: the certificate's title, what holding it means, and how it was earned.
    public var title: String
    public var description: String
    public var criteria: String
    /// When it was issued, and when it stops being valid (nil: never).
    public var issuedAt: Date
    public var validUntil: Date?
    /// Active, suspended, revoked or withdrawn.
    public var state: CertificateState
    /// Why it was suspended or revoked (coordinators only), and when its state last changed.
    public var stateReason: String?
    public var stateChangedAt: Date?
    /// The certificate that replaced this one on renewal, and when.
    public var supersededBy: String?
    public var supersededAt: Date?
    /// Its bit in the W3C Bitstring Status Lists (nil only for a record made outside a store).
    public var statusSlot: StatusListSlot?

    /// A record with every field given.
    public init(
        code: String,
        traineeID: String,
        programmeID: String,
        programmeVersion: String,
        holderName: String,
        title: String,
        description: String,
        criteria: String,
        issuedAt: Date,
        validUntil: Date?,
        state: CertificateState = .active,
        stateReason: String? = nil,
        stateChangedAt: Date? = nil,
        supersededBy: String? = nil,
        supersededAt: Date? = nil,
        statusSlot: StatusListSlot? = nil
    ) {
        self.code = code
        self.traineeID = traineeID
        self.programmeID = programmeID
        self.programmeVersion = programmeVersion
        self.holderName = holderName
        self.title = title
        self.description = description
        self.criteria = criteria
        self.issuedAt = issuedAt
        self.validUntil = validUntil
        self.state = state
        self.stateReason = stateReason
        self.stateChangedAt = stateChangedAt
        self.supersededBy = supersededBy
        self.supersededAt = supersededAt
        self.statusSlot = statusSlot
    }

    /// The status at `now`, worked out when read so that no job has to run: revoked, then
    /// superseded, then suspended, then expired (from the moment `validUntil` passes), else valid.
    public func status(at now: Date) -> CertificateStatus {
        if state == .withdrawn { return .withdrawn }
        if state == .revoked { return .revoked }
        if supersededBy != nil { return .superseded }
        if state == .suspended { return .suspended }
        if let validUntil, now >= validUntil { return .expired }
        return .valid
    }
}

/// What a coordinator has done to a certificate (stored). Expiry and renewal are not states:
/// they follow from the dates and the `supersededBy` link.
public enum CertificateState: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case suspended
    case revoked
    /// The holder's personal data was erased: the certificate names nobody and is no longer
    /// valid. Publicly it says only that (`CertificateStatus.withdrawn`), never why.
    case withdrawn
}

/// What a verifier is told about a certificate.
public enum CertificateStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Genuine, current, and not suspended.
    case valid
    /// Its valid-until date has passed.
    case expired
    /// Paused by a coordinator; it may be reinstated.
    case suspended
    /// Withdrawn for good.
    case revoked
    /// Replaced by a newer certificate on renewal.
    case superseded
    /// No longer valid, with nothing said about why (the holder's data was erased).
    case withdrawn

    /// The status in plain words, for pages and lists.
    public var label: String {
        switch self {
        case .valid: "Valid"
        case .expired: "Expired"
        case .suspended: "Suspended"
        case .revoked: "Revoked"
        case .superseded: "Replaced by a newer certificate"
        case .withdrawn: "No longer valid"
        }
    }
}

/// What was certified, copied into a certificate when it is issued.
public struct CertifiedAchievement: Sendable, Hashable {
    /// The certificate's title, such as "Certified Peer Mentor".
    public var title: String
    /// What holding it means, in plain text.
    public var description: String
    /// What was done to earn it, in plain text.
    public var criteria: String

    /// An achievement with every field given.
    public init(title: String, description: String, criteria: String) {
        self.title = title
        self.description = description
        self.criteria = criteria
    }
}

/// A change to the certificates, written in the same transaction as the event that records it.
public enum CertificateChange: Sendable, Hashable {
    /// A new certificate for the trainee of the event; the holder's name is read from their record.
    case issue(code: String, achievement: CertifiedAchievement, validUntil: Date?)
    /// A new certificate replacing `previousCode`, which becomes superseded.
    case renew(previousCode: String, code: String, achievement: CertifiedAchievement, validUntil: Date?)
    /// Suspended (a reason is required), reinstated, or revoked for good (a reason is required).
    case suspend(code: String, reason: String)
    case reinstate(code: String)
    case revoke(code: String, reason: String)
}

extension CertificateChange {
    /// The existing certificate this change is about (nil for a new one).
    public var existingCode: String? {
        switch self {
        case .issue: nil
        case .renew(let previousCode, _, _, _): previousCode
        case .suspend(let code, _), .reinstate(let code), .revoke(let code, _): code
        }
    }

    /// The rules every store applies before a change lands: the certificate must be the
    /// trainee's on this programme, and the change must fit its state. Returns the state and
    /// reason to write for a suspension, reinstatement or revocation; a refusal carries the
    /// sentence the person who asked reads.
    public func transition(from certificate: CertificateRecord, traineeID: String, programmeID: String) throws -> (state: CertificateState, reason: String?)? {
        let code = certificate.code
        guard certificate.traineeID == traineeID, certificate.programmeID == programmeID else {
            throw CertificateRefusal("Certificate \(code) belongs to someone else or to another programme.")
        }
        guard certificate.state != .withdrawn else {
            throw CertificateRefusal("Certificate \(code) is no longer valid and names nobody, so it cannot be changed.")
        }
        switch self {
        case .issue:
            return nil
        case .renew:
            guard certificate.supersededBy == nil else {
                throw CertificateRefusal("Certificate \(code) was renewed already, by \(certificate.supersededBy ?? "another").")
            }
            guard certificate.state != .revoked else {
                throw CertificateRefusal("Certificate \(code) was revoked; a revoked certificate cannot be renewed.")
            }
            return nil
        case .suspend(_, let reason):
            guard certificate.state == .active else {
                throw CertificateRefusal("Certificate \(code) is \(certificate.state.rawValue); only an active certificate can be suspended.")
            }
            return (.suspended, try Self.requiredReason(reason, "suspending"))
        case .reinstate:
            guard certificate.state == .suspended else {
                throw CertificateRefusal("Certificate \(code) is not suspended, so there is nothing to reinstate.")
            }
            return (.active, nil)
        case .revoke(_, let reason):
            guard certificate.state != .revoked else { throw CertificateRefusal("Certificate \(code) is revoked already.") }
            return (.revoked, try Self.requiredReason(reason, "revoking"))
        }
    }

    /// A suspension's or revocation's reason, trimmed; an empty one is refused.
    private static func requiredReason(_ reason: String, _ doing: String) throws -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CertificateRefusal("Give a reason for \(doing) a certificate.") }
        return trimmed
    }
}

/// Why a certificate change was refused, in the plain sentence the person who asked reads.
public struct CertificateRefusal: Error, Sendable, Hashable {
    public var sentence: String

    public init(_ sentence: String) {
        self.sentence = sentence
    }
}
