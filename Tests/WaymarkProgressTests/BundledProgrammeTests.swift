import Foundation
import Testing
import WaymarkCurriculum
import WaymarkProgress

/// The real bundled curriculum, scored and walked from application to certificate.
@Suite struct BundledProgrammeTests {
    /// The repository root, where the bundled Curriculum/ and Assessments/ live.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func curriculum() throws -> Curriculum {
        let report = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".")
        #expect(report.isValid)
        return report.curriculum
    }

    /// The answers an assessment's author marked right, by question id.
    static func rightAnswers(_ assessment: Assessment) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for question in assessment.questions {
            switch question.kind {
            case .singleChoice(let choices, _):
                let best = choices.max { ($0.weight ?? ($0.isCorrect ? 100 : 0)) < ($1.weight ?? ($1.isCorrect ? 100 : 0)) }
                answers[question.id] = best.map { .choice($0.id) }
            case .multipleChoice(let choices, _):
                let weighted = choices.contains { $0.weight != nil }
                answers[question.id] = .choices(choices.filter { weighted ? ($0.weight ?? 0) > 0 : $0.isCorrect }.map(\.id))
            case .trueFalse(let answer):
                answers[question.id] = .trueFalse(answer)
            case .shortAnswer(let accepted, _):
                answers[question.id] = accepted.max { $0.weight < $1.weight }.map { .text($0.text.replacingOccurrences(of: "*", with: "")) }
            case .numerical(let accepted, _):
                answers[question.id] = accepted.max { $0.weight < $1.weight }.map { .number($0.value) }
            case .matching(let pairs, _):
                answers[question.id] = .matches(Dictionary(uniqueKeysWithValues: pairs.map { ($0.id, $0.match) }))
            case .ordering(let items):
                answers[question.id] = .order(items.map(\.id))
            case .blanks(_, let blanks):
                answers[question.id] = .blanks(Dictionary(uniqueKeysWithValues: blanks.map { (String($0.number), rightWords($0.answer)) }))
            case .reflection:
                answers[question.id] = .reflection("Some honest words about what I learned.")
            case .information:
                break
            }
        }
        return answers
    }

    /// What fills a blank with full marks: the stars of a wildcard left out.
    static func rightWords(_ answer: BlankAnswer) -> String {
        switch answer {
        case .typed(let accepted, _): accepted.max { $0.weight < $1.weight }.map { $0.text.replacingOccurrences(of: "*", with: "") } ?? ""
        case .number(let accepted): accepted.max { $0.weight < $1.weight }.map { "\($0.value)" } ?? ""
        case .choose(let options): options.max { $0.credit < $1.credit }?.text ?? ""
        }
    }

    @Test func everyBundledAssessmentGivesFullMarksForItsOwnRightAnswers() throws {
        let curriculum = try Self.curriculum()
        let assessments = curriculum.programmes.flatMap { $0.assessments.values }
        #expect(assessments.count == 12)
        for assessment in assessments {
            let (record, results) = Scoring.attempt(assessment, moduleID: "m", answers: Self.rightAnswers(assessment))
            #expect(record.percent == 100, "\(assessment.id)")
            #expect(results.allSatisfy { $0.outcome == .correct || $0.outcome == .notScored }, "\(assessment.id)")
        }
    }

    @Test func everyBundledAssessmentFailsWhenNothingIsAnswered() throws {
        for assessment in try Self.curriculum().programmes.flatMap({ $0.assessments.values }) {
            #expect(!Scoring.attempt(assessment, moduleID: "m", answers: [:]).record.passed, "\(assessment.id)")
        }
    }

    /// A trainee's walk through the real peer-mentoring programme, noting the stage and the
    /// first next step after each thing that happens.
    struct Walk {
        var journey: Journey
        var points: [String] = []

        mutating func note() {
            let status = journey.status()
            points.append("\(status.stage.rawValue) | \(status.firstStep ?? "-")")
        }

        mutating func then(_ action: (inout Journey) -> Void) {
            action(&journey)
            note()
        }

        mutating func take(_ moduleID: String, right: Bool) {
            let programme = journey.programme
            guard let module = programme.module(moduleID), let assessment = programme.assessment(for: module) else { return }
            let answers = right ? BundledProgrammeTests.rightAnswers(assessment) : [:]
            then { $0.record(.assessmentAttempted(Scoring.attempt(assessment, moduleID: moduleID, answers: answers).record)) }
        }
    }

    @Test func aTraineeWalksTheRealProgrammeFromApplicationToCertificateAndTheFirstStepChangesEachTime() throws {
        let programme = try #require(try Self.curriculum().programme("peer-mentoring"))
        var walk = Walk(journey: Journey(programme))
        walk.note()
        walk.then { $0.apply() }
        walk.then { $0.read("role") }
        walk.take("role", right: false)
        walk.take("role", right: true)
        // The application form was done when they applied; coordinators record the rest.
        for check in ["conversation", "references", "references", "vetting", "induction"] {
            walk.then { $0.check(check) }
        }
        walk.then { $0.decide(.suitable) }
        for module in programme.modules.map(\.id) where module != "role" {
            walk.then { $0.read(module) }
            walk.take(module, right: true)
        }
        walk.then { $0.practise(hours: 8, countersigned: false) }
        walk.then { $0.countersign(entry: 1) }
        walk.then { $0.practise(hours: 12) }
        for _ in 1...4 { walk.then { $0.supervise() } }
        // The trainee writes the reflection their first step suggests, three times over.
        var prompts: [String] = []
        for _ in 1...3 {
            let target = try #require(walk.journey.status().nextSteps.first?.target)
            #expect(target.hasPrefix("reflection:"))
            prompts.append(String(target.dropFirst("reflection:".count)))
            walk.then { $0.reflect(prompts[prompts.count - 1]) }
        }
        #expect(Set(prompts).count == 3)
        for prompt in prompts { walk.then { $0.review(prompt, .accepted) } }
        walk.then { $0.issue(code: "WM-7KQ2-9XHP-3D8M-TB4N-Q") }

        #expect(walk.points == Self.expectedWalk)
        for (before, after) in zip(walk.points, walk.points.dropFirst()) {
            #expect(before != after, "the first step did not change after \(before)")
        }
    }

    static let expectedWalk: [String] = [
        "applicant | Send in your application",
        "applicant | Read \"What peer mentoring is, and what it is not\"",
        "applicant | Take the check for \"What peer mentoring is, and what it is not\"",
        "applicant | Try the check for \"What peer mentoring is, and what it is not\" again. Only your best try counts.",
        "applicant | A coordinator will record your conversation with a coordinator",
        "in-recruitment | A coordinator will record your references (0 of 2)",
        "in-recruitment | A coordinator will record your references (1 of 2)",
        "in-recruitment | A coordinator will record your DBS check and suitability decision",
        "in-recruitment | A coordinator will record your induction session",
        "in-recruitment | A coordinator will talk with you about starting training",
        "in-training | Read \"Your lived experience, and sharing your story safely\"",
        "in-training | Take the check for \"Your lived experience, and sharing your story safely\"",
        "in-training | Read \"Listening, caring and not judging\"",
        "in-training | Take the check for \"Listening, caring and not judging\"",
        "in-training | Read \"Small steps, and goals your mentee sets\"",
        "in-training | Take the check for \"Small steps, and goals your mentee sets\"",
        "in-training | Read \"Lapses and relapses: staying alongside\"",
        "in-training | Take the check for \"Lapses and relapses: staying alongside\"",
        "in-training | Read \"Boundaries, keeping things private, and keeping people safe\"",
        "in-training | Take the check for \"Boundaries, keeping things private, and keeping people safe\"",
        "in-practice | Read \"Being a bridge to other services\"",
        "in-practice | Take the check for \"Being a bridge to other services\"",
        "in-practice | Read \"Looking after yourself: self-care and supervision\"",
        "in-practice | Take the check for \"Looking after yourself: self-care and supervision\"",
        "in-practice | Read \"Power, voice and challenging stereotypes\"",
        "in-practice | Take the check for \"Power, voice and challenging stereotypes\"",
        "in-practice | Log your practice hours (0 of 20 so far)",
        "in-practice | Ask your supervisor to countersign 8 hours",
        "in-practice | Log your practice hours (8 of 20 so far)",
        "in-practice | Book your next supervision session (0 of 4 so far)",
        "in-practice | Book your next supervision session (1 of 4 so far)",
        "in-practice | Book your next supervision session (2 of 4 so far)",
        "in-practice | Book your next supervision session (3 of 4 so far)",
        "in-practice | Write a reflection: \"Why do you want to be a peer mentor? What do you hope to give, and what do you hope to learn?\"",
        "in-practice | Write a reflection: \"Think of one part of your own experience that might help a mentee. When would you share it, and when would you keep it to yourself?\"",
        "in-practice | Write a reflection: \"A mentee asks about a part of your past that you want to keep private. What would you say to them?\"",
        "in-practice | A coordinator will read your reflections (3 waiting)",
        "in-practice | A coordinator will read your reflections (2 waiting)",
        "in-practice | A coordinator will read your reflection",
        "eligible | A coordinator will issue your certificate",
        "certified | Well done. Your certificate is ready to share.",
    ]
}
