import Foundation
import WaymarkCertificates
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

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
            .certificateIssued(code: code, validUntil: CertificateEligibility.validUntil(issuedAt: now, on: programme)),
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
            .certificateRenewed(previousCode: previousCode, code: code, validUntil: CertificateEligibility.validUntil(issuedAt: now, on: programme)),
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
}
