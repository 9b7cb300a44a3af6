import Foundation
import WaymarkCredentials
import WaymarkCurriculum
import WaymarkProgress

/// One demo trainee's story, written as the events it leaves behind, moving a clock forward.
struct DemoJourney {
    let programme: Programme
    let traineeID: String
    let coordinatorID: String
    let supervisorID: String
    /// When the next event happens.
    private(set) var clock: Date
    private(set) var events: [(kind: EventKind, actor: String, reason: String?, at: Date)] = []
    private var entries = 0
    private var reflectionsWritten = 0

    init(programme: Programme, traineeID: String, coordinatorID: String, supervisorID: String, startedDaysAgo days: Double, now: Date) {
        self.programme = programme
        self.traineeID = traineeID
        self.coordinatorID = coordinatorID
        self.supervisorID = supervisorID
        clock = now.addingTimeInterval(-days * 86_400)
    }

    mutating func wait(days: Double) {
        clock = clock.addingTimeInterval(days * 86_400)
    }

    mutating func add(_ kind: EventKind, by actor: String, reason: String? = nil, after days: Double = 0.1) {
        wait(days: days)
        events.append((kind, actor, reason, clock))
    }

    mutating func apply() {
        add(.applicationSubmitted, by: traineeID)
    }

    /// Recruitment checks, all or the first `count` recordings.
    mutating func recruit(upTo count: Int = .max) {
        var recorded = 0
        for check in programme.recruitment {
            for _ in 0..<check.count where recorded < count {
                add(.checkRecorded(checkID: check.id, outcome: .complete, note: nil), by: coordinatorID, after: 3)
                recorded += 1
            }
        }
    }

    mutating func decide(_ decision: SuitabilityDecision) {
        let reason =
            decision == .suitable
            ? "Strong references, a clear wish to help others, and a good conversation about boundaries."
            : "Would benefit from a few more months of stability first; happy to talk again."
        add(
            .suitabilityDecided(decision: decision, revisitOn: decision == .notYet ? clock.addingTimeInterval(40 * 86_400) : nil),
            by: coordinatorID,
            reason: reason,
            after: 2
        )
    }

    /// Reads a module's unit and takes its check; a first try that fails comes before the pass.
    mutating func complete(_ moduleID: String, failingFirst: Bool = false, passing: Bool = true) {
        guard let module = programme.module(moduleID) else { return }
        add(.unitRead(moduleID: moduleID), by: traineeID, after: 2)
        guard let assessment = programme.assessment(for: module) else { return }
        if failingFirst {
            add(.assessmentAttempted(DemoAnswers.attempt(assessment, moduleID: moduleID, passing: false)), by: traineeID, after: 0.05)
        }
        if passing {
            add(
                .assessmentAttempted(DemoAnswers.attempt(assessment, moduleID: moduleID, passing: true)),
                by: traineeID,
                after: failingFirst ? 1 : 0.05
            )
        }
    }

    /// Reads the unit and fails every try the check allows, a day apart: the trainee now needs a
    /// coordinator to allow one more.
    mutating func useEveryTry(_ moduleID: String) {
        guard let module = programme.module(moduleID), let assessment = programme.assessment(for: module) else { return }
        add(.unitRead(moduleID: moduleID), by: traineeID, after: 2)
        for _ in 0..<min(assessment.maximumAttempts ?? 3, 10) {
            add(.assessmentAttempted(DemoAnswers.attempt(assessment, moduleID: moduleID, passing: false)), by: traineeID, after: 1)
        }
    }

    mutating func completeModules(_ count: Int) {
        for module in programme.modules.prefix(count) { complete(module.id, failingFirst: module.id == "listening") }
    }

    /// Logs practice, countersigned or still waiting for the supervisor.
    mutating func practise(hours: Double, countersigned: Bool = true) {
        entries += 1
        let entryID = "demo-\(entries)"
        add(
            .practiceLogged(
                entryID: entryID,
                on: clock,
                hours: hours,
                setting: ["Drop-in centre", "Probation office", "Community café", "Phone support"][entries % 4]
            ),
            by: traineeID,
            after: 3
        )
        if countersigned { add(.practiceCountersigned(entryID: entryID), by: supervisorID, after: 1) }
    }

    mutating func supervise(_ wellbeing: WellbeingCheck = .good, after days: Double = 14) {
        add(
            .supervisionRecorded(on: clock.addingTimeInterval(days * 86_400), minutes: 60, supervisorID: supervisorID, wellbeing: wellbeing),
            by: supervisorID,
            after: days
        )
    }

    /// Writes the next reflection; a coordinator accepts it unless `reviewed` is false.
    mutating func reflect(reviewed: Bool = true) {
        let prompts = programme.reflectionPromptIDs
        guard reflectionsWritten < prompts.count else { return }
        let prompt = prompts[reflectionsWritten]
        reflectionsWritten += 1
        add(
            .reflectionSubmitted(
                promptID: prompt,
                text: "Writing this made me think about how I felt when someone first listened to me without judging. I want to give that to others."
            ),
            by: traineeID,
            after: 2
        )
        if reviewed {
            add(
                .reflectionReviewed(promptID: prompt, outcome: .accepted, feedback: "Thank you for sharing this. It shows real care."),
                by: coordinatorID,
                after: 3
            )
        }
    }

    /// Training, practice and the certificate, in the usual order.
    mutating func qualify() {
        apply()
        recruit()
        decide(.suitable)
        completeModules(programme.modules.count)
        for round in 0..<4 {
            practise(hours: 3)
            practise(hours: 2.5)
            supervise(after: 10)
            if round < 3 { reflect() }
        }
    }

    /// Issues a certificate now; returns its code.
    @discardableResult
    mutating func certify() -> String {
        let code = CertificateCode.random().description
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let validUntil = programme.certificate.validForMonths.flatMap { calendar.date(byAdding: .month, value: $0, to: clock) }
        add(.certificateIssued(code: code, validUntil: validUntil), by: coordinatorID, after: 3)
        return code
    }
}
