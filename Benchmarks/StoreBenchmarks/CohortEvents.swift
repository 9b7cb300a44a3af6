import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// A realistic record for one trainee, about 60 events: application, checks, every module
/// (a failed first try at some), practice, supervision, reflections and a certificate.
enum CohortEvents {
    static func journey(_ programme: Programme, traineeID: String, start: Date) -> [TraineeEvent] {
        var kinds: [(EventKind, String)] = [(.applicationSubmitted, traineeID)]
        for check in programme.recruitment {
            for _ in 0..<check.count { kinds.append((.checkRecorded(checkID: check.id, outcome: .complete, note: nil), "coordinator")) }
        }
        kinds.append((.suitabilityDecided(decision: .suitable, revisitOn: nil), "coordinator"))
        for (index, module) in programme.modules.enumerated() {
            kinds.append((.unitRead(moduleID: module.id), traineeID))
            guard let assessment = programme.assessment(for: module) else { continue }
            if index % 3 == 1 { kinds.append((.assessmentAttempted(attempt(assessment, module: module.id, right: false)), traineeID)) }
            kinds.append((.assessmentAttempted(attempt(assessment, module: module.id, right: true)), traineeID))
        }
        for round in 0..<5 {
            let entry = "e\(round)"
            kinds.append((.practiceLogged(entryID: entry, on: start, hours: 5.5, setting: "Drop-in centre"), traineeID))
            kinds.append((.practiceCountersigned(entryID: entry), "supervisor"))
            kinds.append(
                (
                    .supervisionRecorded(
                        on: start.addingTimeInterval(Double(round) * 20 * 86_400),
                        minutes: 60,
                        supervisorID: "supervisor",
                        wellbeing: .good
                    ), "supervisor"
                )
            )
            let prompt = programme.reflectionPromptIDs[round % programme.reflectionPromptIDs.count]
            kinds.append((.reflectionSubmitted(promptID: prompt, text: "What I learned this month about listening without judging."), traineeID))
            kinds.append((.reflectionReviewed(promptID: prompt, outcome: .accepted, feedback: "Thank you."), "coordinator"))
        }
        kinds.append((.cpdLogged(on: start, hours: 2, activity: "Safeguarding refresher"), traineeID))
        kinds.append((.certificateIssued(code: "WM-BENCH-\(traineeID)", validUntil: start.addingTimeInterval(700 * 86_400)), "coordinator"))
        return kinds.enumerated().map { index, item in
            TraineeEvent(
                sequence: index + 1,
                traineeID: traineeID,
                programmeID: programme.id,
                programmeVersion: programme.version,
                actorID: item.1,
                at: start.addingTimeInterval(Double(index) * 3_600),
                kind: item.0
            )
        }
    }

    static func attempt(_ assessment: Assessment, module: String, right: Bool) -> AttemptRecord {
        var answers: [String: Answer] = [:]
        for question in assessment.questions {
            switch question.kind {
            case .singleChoice(let choices, _):
                if let choice = choices.first(where: { $0.isCorrect == right }) { answers[question.id] = .choice(choice.id) }
            case .trueFalse(let answer): answers[question.id] = .trueFalse(right ? answer : !answer)
            case .multipleChoice(let choices, _): answers[question.id] = .choices(choices.filter { $0.isCorrect == right }.map(\.id))
            case .ordering(let items): answers[question.id] = .order(right ? items.map(\.id) : items.map(\.id).reversed())
            case .reflection: answers[question.id] = .reflection("I would listen first.")
            default: break
            }
        }
        return Scoring.attempt(assessment, moduleID: module, answers: answers).record
    }
}
