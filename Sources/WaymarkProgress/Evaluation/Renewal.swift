import Foundation
import WaymarkCurriculum

extension JourneyState {
    /// Renewal of the current certificate: nil when there is none, it never expires, it was
    /// revoked, or the programme does not renew. Needs CPD hours logged since the certificate was
    /// issued and a pass at each refresher module's check taken after renewal opened.
    var renewal: RenewalProgress? {
        guard let certificate, !certificate.isRevoked, let until = certificate.validUntil,
            let rule = programme.certificate.renewal
        else { return nil }
        let opensOn = CalendarMath.adding(months: -rule.opensMonthsBefore, to: until)
        let isOpen = now >= opensOn

        var requirements: [RequirementProgress] = []
        if let needed = rule.cpdHours, needed > 0 {
            let done = history.cpd.filter { $0.sequence > certificate.issuedSequence }.reduce(0) { $0 + $1.hours }
            requirements.append(
                RequirementProgress(
                    id: "renewal:cpd",
                    title: "CPD hours since your certificate",
                    done: done,
                    needed: needed,
                    isMet: done + 1e-9 >= needed
                )
            )
        }
        for moduleID in rule.refresherModules {
            let passed = refresherAttempts(moduleID, since: opensOn).contains { $0.record.passed }
            requirements.append(
                RequirementProgress(
                    id: "renewal:module:\(moduleID)",
                    title: "Refresher check: \(Words.quoted(moduleTitle(moduleID)))",
                    done: passed ? 1 : 0,
                    needed: 1,
                    isMet: passed
                )
            )
        }
        return RenewalProgress(opensOn: opensOn, isOpen: isOpen, requirements: requirements, isMet: isOpen && requirements.allSatisfy(\.isMet))
    }

    /// Tries at a refresher module's check since renewal opened.
    func refresherAttempts(_ moduleID: String, since: Date) -> [DatedAttempt] {
        let tries = digest.firstPosition(of: moduleID).map { attempts(at: $0) } ?? history.attempts.filter { $0.record.moduleID == moduleID }
        return tries.filter { $0.at >= since }
    }

    /// The unit title of a module, or its id when this version does not have it.
    func moduleTitle(_ moduleID: String) -> String {
        digest.firstPosition(of: moduleID).map { modules[$0].title } ?? moduleID
    }
}
