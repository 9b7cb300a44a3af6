import Foundation
import WaymarkCurriculum

extension JourneyState {
    /// What to do next, the single next small step first: the trainee's own steps before what
    /// others will do for them. Words are short and kind; dates stay out of the text.
    func nextSteps(stage: Stage, renewal: RenewalProgress?, supervisionOverdue: Bool) -> [NextStep] {
        switch stage {
        case .withdrawn:
            return [trainee("If you want to come back, talk to your coordinator. Your progress is saved.", staff: "They have left the programme. Their progress is saved if they come back.", "programme")]
        case .paused:
            return [trainee("Come back when you are ready. Your progress is saved.", staff: "They are taking a pause. Their progress is saved for when they come back.", "programme")]
        case .revoked:
            return [trainee("Your certificate is no longer valid. Talk to your coordinator about what happens next.", staff: "Their certificate was revoked. Talk with them about what happens next.", "certificate")]
        case .suspended:
            return [
                trainee("Your certificate is on hold for now. Talk to your coordinator about what happens next.", staff: "Their certificate is on hold. Talk with them about what happens next.", "certificate"),
                NextStep(actor: .coordinator, text: "A coordinator will look at the hold on the certificate", staffText: "Look at the hold on their certificate", target: "certificate"),
            ]
        case .certified, .expired:
            return certificateSteps(stage: stage, renewal: renewal, supervisionOverdue: supervisionOverdue)
        case .eligible:
            return [NextStep(actor: .coordinator, text: "A coordinator will issue your certificate", staffText: "Issue their certificate", target: "certificate")]
        case .inTraining, .inPractice:
            var steps: [NextStep] = []
            if supervisionOverdue { steps.append(trainee("Book your next supervision session", staff: "Their supervision is overdue. They need to book their next session.", "practice:supervision")) }
            steps += moduleSteps(optional: false)
            steps += practiceSteps(includeSessions: !supervisionOverdue)
            steps += moduleSteps(optional: true)
            steps += reviewSteps()
            return steps
        case .applicant, .inRecruitment:
            var steps: [NextStep] = []
            if !history.hasApplied && !history.hasRecruitmentRecord {
                steps.append(trainee("Send in your application", staff: "They will send in their application", "application"))
            }
            return steps + moduleSteps(optional: false) + moduleSteps(optional: true) + recruitmentSteps()
        }
    }

    private func trainee(_ text: String, staff: String, _ target: String) -> NextStep {
        NextStep(actor: .trainee, text: text, staffText: staff, target: target)
    }

    /// Reading and checks for every required (or every optional) module open to the trainee
    /// now, in the programme's order. Optional modules come after what the certificate needs.
    private func moduleSteps(optional: Bool) -> [NextStep] {
        modules.indices.filter {
            modules[$0].isAvailable && !modules[$0].isComplete && modules[$0].module.isOptional == optional
        }.map { position in
            let state = modules[position]
            let target = state.info.requirementID
            let title = Words.quoted(state.title)
            guard state.isRead else { return trainee("Read \(title)", staff: "They will read \(title)", target) }
            let availability =
                state.assessment.map {
                    Progression.attemptAvailability($0, attempts: attempts(at: position), extraTries: history.extraTries[$0.id] ?? 0, now: now)
                } ?? .available
            switch availability {
            case .available where !state.isAttempted:
                return trainee("Take the check for \(title)", staff: "They will take the check for \(title)", target)
            case .available:
                return trainee("Try the check for \(title) again. Only your best try counts.", staff: "They can try the check for \(title) again", target)
            case .waitUntil:
                return trainee("Take a short break, then try the check for \(title) again", staff: "They are taking a short break before trying the check for \(title) again", target)
            case .noTriesLeft:
                return trainee("Talk to your coordinator about the check for \(title)", staff: "Their tries at the check for \(title) are used up. You can allow one more try.", target)
            }
        }
    }

    /// Hours, countersigning, sessions and reflections still needed, once practice is open.
    private func practiceSteps(includeSessions: Bool) -> [NextStep] {
        guard practiceOpen, let practice = programme.practice else { return [] }
        var steps: [NextStep] = []
        let pending = history.hoursAwaitingCountersignature
        if pending > 0 {
            let noun = pending == 1 ? "hour" : "hours"
            steps.append(trainee("Ask your supervisor to countersign \(Words.hours(pending)) \(noun)", staff: "Their supervisor is to countersign \(Words.hours(pending)) \(noun)", "practice:hours"))
        }
        if let needed = practice.minimumHours, countersignedHours + pending + 1e-9 < needed {
            steps.append(trainee("Log your practice hours (\(Words.hours(countersignedHours)) of \(Words.hours(needed)) so far)", staff: "They will log practice hours (\(Words.hours(countersignedHours)) of \(Words.hours(needed)) so far)", "practice:hours"))
        }
        if includeSessions, let supervision = practice.supervision, sessions < supervision.sessions {
            steps.append(trainee("Book your next supervision session (\(sessions) of \(supervision.sessions) so far)", staff: "They will book their next supervision session (\(sessions) of \(supervision.sessions) so far)", "practice:supervision"))
        }
        if let needed = practice.minimumReflections {
            let revisit = revisitRequested
            steps += revisit.map { trainee("Have another look at your reflection: \(Words.quoted($0.text))", staff: "They will have another look at their reflection: \(Words.quoted($0.text))", "reflection:\($0.id)") }
            let toWrite = needed - acceptedPromptCount - awaitingReview.count - revisit.count
            if toWrite > 0 {
                steps += unwrittenPrompts.prefix(toWrite).map { trainee("Write a reflection: \(Words.quoted($0.text))", staff: "They will write a reflection: \(Words.quoted($0.text))", "reflection:\($0.id)") }
            }
        }
        return steps
    }

    /// Reflections waiting for a coordinator to read.
    private func reviewSteps() -> [NextStep] {
        let waiting = awaitingReview.count
        guard waiting > 0 else { return [] }
        let text = waiting == 1 ? "A coordinator will read your reflection" : "A coordinator will read your reflections (\(waiting) waiting)"
        let staff = waiting == 1 ? "Read their reflection" : "Read their reflections (\(waiting) waiting)"
        return [NextStep(actor: .coordinator, text: text, staffText: staff, target: "reflections")]
    }

    /// What coordinators will record before training opens, in the programme's order.
    private func recruitmentSteps() -> [NextStep] {
        var steps: [NextStep] = []
        for check in checks where !check.isComplete {
            let needed = max(check.check.count, 1)
            let count = needed > 1 ? " (\(check.done) of \(needed))" : ""
            steps.append(
                NextStep(
                    actor: .coordinator,
                    text: "A coordinator will record your \(Words.inSentence(check.check.title))\(count)",
                    staffText: "Record their \(Words.inSentence(check.check.title))\(count)",
                    target: "check:\(check.check.id)"
                )
            )
        }
        if history.latestDecision?.decision != .suitable {
            let text =
                history.latestDecision?.decision == .notYet
                ? "Your coordinator will talk with you again about starting training"
                : "A coordinator will talk with you about starting training"
            let staff =
                history.latestDecision?.decision == .notYet
                ? "Talk with them again about starting training"
                : "Talk with them about starting training, then record the suitability decision"
            steps.append(NextStep(actor: .coordinator, text: text, staffText: staff, target: "decision:suitability"))
        }
        return steps
    }

    /// Supervision, renewal and, when nothing is due, a word of thanks.
    private func certificateSteps(stage: Stage, renewal: RenewalProgress?, supervisionOverdue: Bool) -> [NextStep] {
        var steps: [NextStep] = []
        if supervisionOverdue { steps.append(trainee("Book your next supervision session", staff: "Their supervision is overdue. They need to book their next session.", "practice:supervision")) }
        if let renewal, renewal.isOpen {
            if renewal.isMet {
                steps.append(NextStep(actor: .coordinator, text: "A coordinator will renew your certificate", staffText: "Renew their certificate", target: "certificate"))
            } else {
                steps += renewalSteps(renewal)
            }
        } else if stage == .expired {
            steps.append(trainee("Your certificate has ended. Talk to your coordinator about renewing it.", staff: "Their certificate has ended. Talk with them about renewing it.", "certificate"))
        }
        if steps.isEmpty {
            steps.append(trainee("Well done. Your certificate is ready to share.", staff: "Certified. Nothing is due just now.", "certificate"))
        }
        return steps
    }

    private func renewalSteps(_ renewal: RenewalProgress) -> [NextStep] {
        var steps: [NextStep] = []
        for requirement in renewal.requirements where !requirement.isMet {
            if requirement.id == "renewal:cpd" {
                steps.append(
                    trainee(
                        "Log your CPD hours, the learning you do to keep your skills fresh (\(Words.hours(requirement.done)) of \(Words.hours(requirement.needed)) so far)",
                        staff: "They will log CPD hours to renew their certificate (\(Words.hours(requirement.done)) of \(Words.hours(requirement.needed)) so far)",
                        "renewal:cpd"
                    )
                )
            } else if requirement.id.hasPrefix("renewal:module:") {
                let moduleID = String(requirement.id.dropFirst("renewal:module:".count))
                let title = Words.quoted(moduleTitle(moduleID))
                let target = "module:\(moduleID)"
                let assessment = digest.firstPosition(of: moduleID).flatMap { modules[$0].assessment }
                let availability =
                    assessment.map {
                        Progression.attemptAvailability(
                            $0,
                            attempts: refresherAttempts(moduleID, since: renewal.opensOn),
                            extraTries: history.extraTries[$0.id] ?? 0,
                            now: now
                        )
                    } ?? .available
                switch availability {
                case .available: steps.append(trainee("Take the refresher check for \(title)", staff: "They will take the refresher check for \(title)", target))
                case .waitUntil:
                    steps.append(
                        trainee("Take a short break, then try the refresher check for \(title) again", staff: "They are taking a short break before trying the refresher check for \(title) again", target)
                    )
                case .noTriesLeft:
                    steps.append(
                        trainee("Talk to your coordinator about the refresher check for \(title)", staff: "Their tries at the refresher check for \(title) are used up. You can allow one more try.", target)
                    )
                }
            }
        }
        return steps
    }
}
