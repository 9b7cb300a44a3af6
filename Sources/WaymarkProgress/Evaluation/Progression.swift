import Foundation
import WaymarkCurriculum

/// The progression engine: a programme, a trainee's events and the time now give where the
/// trainee stands and what to do next. Pure and deterministic: no clocks, no I/O.
public enum Progression {
    /// Works out the trainee's status under this programme version. Events may arrive in any
    /// order (they are read by sequence); events for other programmes are ignored.
    public static func evaluate(_ programme: Programme, _ events: [TraineeEvent], now: Date) -> TraineeStatus {
        Evaluator(programme).evaluate(events, now: now)
    }

    /// Evaluates many trainees on one programme, working out once what is the same for all.
    public struct Evaluator: Sendable {
        /// Kept in the digest alone, so that an evaluator is one reference and cheap to copy.
        let digest: ProgrammeDigest

        /// The programme version trainees are evaluated against.
        public var programme: Programme { digest.programme }

        /// Prepares to evaluate trainees on this programme.
        public init(_ programme: Programme) {
            self.digest = ProgrammeDigest(programme)
        }

        /// The same as `Progression.evaluate(programme, events, now:)`.
        public func evaluate(_ events: [TraineeEvent], now: Date) -> TraineeStatus {
            Progression.status(digest, events, now: now)
        }
    }

    static func status(_ digest: ProgrammeDigest, _ events: [TraineeEvent], now: Date) -> TraineeStatus {
        status(of: JourneyState(digest: digest, history: TraineeHistory(events, programmeID: digest.programme.id), now: now))
    }

    static func status(of journey: JourneyState) -> TraineeStatus {
        let now = journey.now
        let history = journey.history
        let stage = journey.stage
        let renewal = journey.renewal

        var dates = KeyDates(lastActivity: history.lastActivity)
        if stage == .inPractice || stage == .certified {
            dates.supervisionDue = journey.supervisionDueDate
        }
        if let certificate = history.certificate, !certificate.isRevoked, !history.isWithdrawn {
            dates.certificateValidUntil = certificate.validUntil
        }
        let timeWarnings = timeWarnings(dates, now: now)
        let warnings = timeWarnings + journey.awaitingReview.map { Warning.reflectionAwaitingReview(promptID: $0) }
        let isOverdue = timeWarnings.contains { if case .supervisionOverdue = $0 { true } else { false } }

        return TraineeStatus(
            stage: stage,
            requirements: journey.requirements,
            nextSteps: journey.nextSteps(stage: stage, renewal: renewal, supervisionOverdue: isOverdue),
            eligibility: journey.eligibility,
            warnings: warnings,
            dates: dates,
            renewal: renewal
        )
    }
}

extension JourneyState {
    /// The stage: the first of these that holds, from leaving the programme to applying.
    var stage: Stage {
        if history.isWithdrawn { return .withdrawn }
        if history.isPaused { return .paused }
        if let certificate {
            if certificate.isRevoked { return .revoked }
            if certificate.isSuspended { return .suspended }
            if isExpired { return .expired }
            return .certified
        }
        if requirementsMet { return .eligible }
        if practiceOpen { return .inPractice }
        if trainingOpen { return .inTraining }
        if history.hasRecruitmentRecord { return .inRecruitment }
        return .applicant
    }
}
