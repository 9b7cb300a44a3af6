import Foundation
import WaymarkCurriculum
import WaymarkProgress

/// A small programme built in code, with titles a test can assert on, and builders for questions.
enum Fixtures {
    /// 1 January 2026, 00:00 UTC: every journey starts here.
    static let start = Date(timeIntervalSince1970: 1_767_225_600)
    static let day: TimeInterval = 86_400

    static func question(_ id: String, _ kind: QuestionKind, points: Double = 1, feedback: [Feedback] = []) -> Question {
        Question(id: id, points: points, tags: [], prompt: [.text("Question \(id)")], kind: kind, feedback: feedback)
    }

    static func choice(_ id: String, correct: Bool = false, weight: Double? = nil, feedback: String? = nil) -> Choice {
        Choice(id: id, text: [.text(id)], isCorrect: correct, weight: weight, feedback: feedback)
    }

    static func feedback(_ condition: Feedback.Condition, _ text: String) -> Feedback {
        Feedback(condition: condition, text: [.text(text)])
    }

    static func assessment(_ id: String, passMark: Double = 70, questions: [Question]? = nil) -> Assessment {
        Assessment(
            id: id,
            title: "Check: \(id)",
            passMark: passMark,
            maximumAttempts: nil,
            coolDownHours: nil,
            introduction: [],
            questions: questions ?? [question("q1", .trueFalse(answer: true))],
            sourcePath: "Assessments/test/\(id).xml"
        )
    }

    static func prompt(_ id: String, _ text: String, needsReview: Bool = true) -> ReflectionPrompt {
        ReflectionPrompt(id: id, prompt: [.text(text)], guidance: [], minimumWords: nil, needsReview: needsReview)
    }

    static func unit(_ id: String, _ title: String, reflections: [ReflectionPrompt] = []) -> WaymarkCurriculum.Unit {
        Unit(id: id, title: title, minutes: 10, objectives: [], sections: [], reflections: reflections, sourcePath: "units/\(id).xml")
    }

    static func module(_ id: String, requires: [String] = [], openToApplicants: Bool = false, optional: Bool = false, assessed: Bool = true) -> Module
    {
        Module(
            id: id,
            unitPath: "units/\(id).xml",
            unitID: id,
            assessmentID: assessed ? "\(id)-check" : nil,
            requires: requires,
            isOpenToApplicants: openToApplicants,
            isOptional: optional
        )
    }

    static let titles = [
        "intro": "Welcome to mentoring",
        "listening": "Listening without judging",
        "boundaries": "Keeping good boundaries",
        "extra": "Going further",
    ]

    /// Recruitment (application, two references), four modules (intro is open to applicants,
    /// extra is optional), practice after boundaries (20 hours, 2 sessions at most 42 days
    /// apart, 2 reflections) and a 24-month certificate renewed with 10 CPD hours and a
    /// listening refresher, opening 3 months before expiry.
    static func programme(
        version: String = "1",
        recruitment: [RecruitmentCheck]? = nil,
        modules: [Module]? = nil
    ) -> Programme {
        let modules =
            modules ?? [
                module("intro", openToApplicants: true),
                module("listening", requires: ["intro"]),
                module("boundaries", requires: ["listening"]),
                module("extra", requires: ["intro"], optional: true),
            ]
        var units: [String: WaymarkCurriculum.Unit] = [:]
        var assessments: [String: Assessment] = [:]
        for module in modules {
            let reflections: [ReflectionPrompt] =
                switch module.id {
                case "listening": [prompt("heard", "What helps you feel heard?"), prompt("quiet", "When is silence useful?")]
                case "boundaries": [prompt("no-kindly", "How would you say no kindly?")]
                default: []
                }
            units[module.id] = unit(module.id, titles[module.id] ?? "Unit \(module.id)", reflections: reflections)
            if let assessmentID = module.assessmentID { assessments[assessmentID] = assessment(assessmentID) }
        }
        return Programme(
            id: "test-programme",
            version: version,
            title: "Test programme",
            summary: [],
            recruitment: recruitment
                ?? [
                    RecruitmentCheck(id: "application", title: "Application form", count: 1, kind: .standard),
                    RecruitmentCheck(id: "references", title: "References", count: 2, kind: .standard),
                ],
            modules: modules,
            practice: PracticeRequirements(
                opensAfter: "boundaries",
                minimumHours: 20,
                supervision: SupervisionRule(sessions: 2, maximumGapDays: 42),
                minimumReflections: 2
            ),
            certificate: CertificateSpec(
                title: "Certified Test Mentor",
                validForMonths: 24,
                description: [],
                criteria: [],
                renewal: RenewalRule(cpdHours: 10, refresherModules: ["listening"], opensMonthsBefore: 3)
            ),
            units: units,
            assessments: assessments
        )
    }
}

extension TraineeStatus {
    /// The first step's words, or nil.
    var firstStep: String? { nextSteps.first?.text }

    /// A requirement by id.
    func requirement(_ id: String) -> RequirementProgress? { requirements.first { $0.id == id } }
}
