import Foundation
import WaymarkCurriculum

extension JourneyState {
    /// Progress per requirement in journey order: checks, the decision, modules (then modules a
    /// newer version dropped, marked no longer required), practice hours, sessions, reflections.
    var requirements: [RequirementProgress] {
        var list: [RequirementProgress] = []
        list.reserveCapacity(checks.count + modules.count + noLongerRequired.count + 4)
        for (check, id) in zip(checks, digest.checkRequirementIDs) {
            let needed = max(check.check.count, 1)
            list.append(
                RequirementProgress(
                    id: id,
                    title: check.check.title,
                    done: Double(min(check.done, needed)),
                    needed: Double(needed),
                    isMet: check.isComplete
                )
            )
        }
        if !programme.recruitment.isEmpty {
            let suitable = history.latestDecision?.decision == .suitable
            list.append(
                RequirementProgress(
                    id: "decision:suitability",
                    title: "Decision to start training",
                    done: suitable ? 1 : 0,
                    needed: 1,
                    isMet: suitable
                )
            )
        }
        for state in modules {
            list.append(
                RequirementProgress(
                    id: state.info.requirementID,
                    title: state.info.requirementTitle,
                    done: Double(state.stepsDone),
                    needed: Double(state.stepsNeeded),
                    isMet: state.isComplete
                )
            )
        }
        for moduleID in noLongerRequired {
            list.append(RequirementProgress(id: "module:\(moduleID)", title: moduleID, done: 2, needed: 2, isMet: true, isNoLongerRequired: true))
        }
        if let practice = programme.practice {
            if let hours = practice.minimumHours, hours > 0 {
                list.append(
                    RequirementProgress(
                        id: "practice:hours",
                        title: "Countersigned practice hours",
                        done: countersignedHours,
                        needed: hours,
                        isMet: countersignedHours + 1e-9 >= hours
                    )
                )
            }
            if let supervision = practice.supervision, supervision.sessions > 0 {
                list.append(
                    RequirementProgress(
                        id: "practice:supervision",
                        title: "Supervision sessions",
                        done: Double(sessions),
                        needed: Double(supervision.sessions),
                        isMet: sessions >= supervision.sessions
                    )
                )
            }
            if let reflections = practice.minimumReflections, reflections > 0 {
                let accepted = acceptedPromptCount
                list.append(
                    RequirementProgress(
                        id: "practice:reflections",
                        title: "Accepted reflections",
                        done: Double(accepted),
                        needed: Double(reflections),
                        isMet: accepted >= reflections
                    )
                )
            }
        }
        return list
    }

    /// Whether a certificate can be issued, and what is still missing in plain words. Someone
    /// who already holds a certificate is not eligible for another and has nothing missing.
    var eligibility: Eligibility {
        guard certificate == nil else { return Eligibility(isEligible: false, missing: []) }
        var missing: [String] = []
        if !trainingOpen {
            for check in checks where !check.isComplete {
                let needed = max(check.check.count, 1)
                missing.append(needed > 1 ? "\(check.check.title): \(check.done) of \(needed) recorded" : "\(check.check.title) recorded")
            }
            if history.latestDecision?.decision != .suitable {
                missing.append("A decision to start training")
            }
        }
        for state in modules where !state.module.isOptional && !state.isComplete {
            missing.append("Finish \(Words.quoted(state.title))")
        }
        if let practice = programme.practice {
            if let hours = practice.minimumHours, countersignedHours + 1e-9 < hours {
                missing.append(Words.more(hours - countersignedHours, "countersigned practice hour", "countersigned practice hours"))
            }
            if let supervision = practice.supervision, sessions < supervision.sessions {
                missing.append(Words.more(Double(supervision.sessions - sessions), "supervision session", "supervision sessions"))
            }
            if let reflections = practice.minimumReflections, acceptedPromptCount < reflections {
                missing.append(Words.more(Double(reflections - acceptedPromptCount), "accepted reflection", "accepted reflections"))
            }
        }
        return Eligibility(isEligible: missing.isEmpty, missing: missing)
    }
}
