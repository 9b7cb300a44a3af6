import Foundation
import Testing
import WaymarkCurriculum

@Suite struct BundledCurriculumTests {
    let report: CurriculumReport

    init() throws {
        report = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".")
    }

    @Test func loadsWithoutAnyProblem() {
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.isValid)
    }

    @Test func hasTwoProgrammesSoNothingAssumesOne() {
        #expect(report.curriculum.programmes.map(\.id) == ["peer-mentoring", "volunteer-induction"])
    }

    @Test func peerMentoringHasWhatTheFilesSay() throws {
        let programme = try #require(report.curriculum.programme("peer-mentoring"))
        #expect(programme.title == "Peer Mentoring in Criminal Justice")
        #expect(programme.version == "2026.1")
        #expect(programme.recruitment.map(\.id) == ["application", "conversation", "references", "vetting", "induction"])
        #expect(programme.recruitment.first { $0.id == "references" }?.count == 2)
        #expect(programme.recruitment.filter { $0.kind == .vetting }.map(\.id) == ["vetting"])
        #expect(programme.modules.count >= 8)
        #expect(programme.module("listening")?.requires == ["role"])
        #expect(programme.module("boundaries")?.requires == ["listening", "lived-experience"])
        #expect(programme.module("role")?.isOpenToApplicants == true)
        #expect(programme.practice?.minimumHours == 20)
        #expect(programme.practice?.supervision == SupervisionRule(sessions: 4, maximumGapDays: 42))
        #expect(programme.practice?.minimumReflections == 3)
        #expect(programme.practice?.opensAfter == "boundaries")
        #expect(programme.certificate.validForMonths == 24)
        #expect(programme.certificate.renewal?.refresherModules == ["listening", "boundaries"])
        #expect(programme.certificate.renewal?.cpdHours == 10)
    }

    @Test func everyModuleHasItsUnitAndAnAssessmentOfAtLeastFiveQuestions() throws {
        let programme = try #require(report.curriculum.programme("peer-mentoring"))
        for module in programme.modules {
            let unit = try #require(programme.unit(for: module), "module \(module.id) has no unit")
            #expect(!unit.title.isEmpty)
            #expect(!unit.sections.isEmpty)
            let assessment = try #require(programme.assessment(for: module), "module \(module.id) has no assessment")
            #expect(assessment.questions.count >= 5)
            #expect((0...100).contains(assessment.passMark))
        }
        #expect(programme.assessments["role-check"]?.passMark == 70)
        #expect(programme.units["role"]?.title == "What peer mentoring is, and what it is not")
    }

    @Test func usesAtLeastSixQuestionTypesAndEightReflectionPrompts() throws {
        let programme = try #require(report.curriculum.programme("peer-mentoring"))
        let types = Set(programme.assessments.values.flatMap { $0.questions.map(\.kind.typeName) })
        #expect(types.count >= 6)
        #expect(
            types.isSuperset(of: [
                "single-choice", "multiple-choice", "true-false", "short-answer", "numerical", "matching", "ordering", "reflection",
            ])
        )
        #expect(programme.reflectionPromptIDs.count >= 8)
        #expect(Set(programme.reflectionPromptIDs).count == programme.reflectionPromptIDs.count)
    }

    @Test func keepsRichTextStructure() throws {
        let unit = try #require(report.curriculum.programme("peer-mentoring")?.units["role"])
        let objective = unit.objectives[1]
        #expect(objective == [.text("Know what is "), .emphasis([.text("not")]), .text(" part of the role.")])
        let blocks = unit.sections.flatMap(\.blocks)
        #expect(blocks.contains { if case .callout(.remember, _) = $0 { true } else { false } })
        #expect(blocks.contains { if case .list(.bullet, let items) = $0 { items.count == 4 } else { false } })
    }

    @Test func readsEveryPartOfAQuestion() throws {
        let assessment = try #require(report.curriculum.programme("peer-mentoring")?.assessments["role-check"])
        let first = try #require(assessment.questions.first)
        guard case .singleChoice(let choices, _) = first.kind else {
            Issue.record("expected a single-choice question, got \(first.kind.typeName)")
            return
        }
        #expect(choices.map(\.id) == ["a", "b", "c"])
        #expect(choices.filter(\.isCorrect).map(\.id) == ["a"])
        #expect(choices[1].feedback?.hasPrefix("Not quite.") == true)
        #expect(first.feedback.map(\.condition) == [.incorrect])
        let matching = assessment.questions.first { $0.id == "who-does-what" }
        if case .matching(let pairs, let distractors)? = matching?.kind {
            #expect(pairs.map(\.id) == ["mentor", "supervisor", "probation"])
            #expect(distractors.count == 1)
        } else {
            Issue.record("who-does-what is not a matching question")
        }
    }

    @Test func theSecondProgrammeHasNoPracticeAndNeverExpires() throws {
        let programme = try #require(report.curriculum.programme("volunteer-induction"))
        #expect(programme.practice == nil)
        #expect(programme.certificate.validForMonths == nil)
        #expect(programme.modules.count == 3)
    }

    @Test func neverCallsAnyoneAnOffender() throws {
        for folder in ["Curriculum", "Assessments"] {
            let enumerator = FileManager.default.enumerator(at: repositoryRoot.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "xml" else { continue }
                let text = try String(contentsOf: url, encoding: .utf8).lowercased()
                #expect(!text.contains("offender"), "\(url.lastPathComponent) says offender")
            }
        }
    }

    @Test func embedsTheSchemaShippedInTheRepository() throws {
        let shipped = try Data(contentsOf: repositoryRoot.appendingPathComponent("Schemas/curriculum-1.xsd"))
        #expect(CurriculumSchema.source == Array(shipped))
    }
}
