import WaymarkCurriculum

/// What evaluation needs from a programme that is the same for every trainee: the programme,
/// each module with its unit title and assessment, and the reflection prompts in order. Worked
/// out once per programme by `Progression.Evaluator` rather than once per trainee, and cheap
/// enough to work out per call for `Progression.evaluate`. A class, so that the journey and each
/// module state share it rather than copy its strings and arrays on every evaluation.
final class ProgrammeDigest: Sendable {
    /// One module and what its rules and wording read from the curriculum.
    final class ModuleInfo: Sendable {
        let module: Module
        /// The unit's title, or the module id when the unit did not load.
        let title: String
        let assessment: Assessment?
        let requirementID: String
        let requirementTitle: String

        init(_ module: Module, title: String, assessment: Assessment?) {
            self.module = module
            self.title = title
            self.assessment = assessment
            self.requirementID = "module:\(module.id)"
            self.requirementTitle = module.isOptional ? "\(title) (optional)" : title
        }

        /// Whether a try counts for this module: it was at the module's assessment, or was
        /// recorded for the module under an earlier version that used another assessment id.
        func counts(_ record: AttemptRecord) -> Bool {
            record.moduleID == module.id || (module.assessmentID != nil && record.assessmentID == module.assessmentID)
        }
    }

    let programme: Programme
    let modules: [ModuleInfo]
    let prompts: [JourneyState.Prompt]
    /// Prompt ids in programme order, each once.
    let promptOrder: [String]
    let promptIDs: Set<String>
    /// Prompts that count once submitted, without a trainer's review.
    let needsNoReview: Set<String>
    let checkRequirementIDs: [String]

    init(_ programme: Programme) {
        self.programme = programme
        let units = programme.modules.map { programme.unit(for: $0) }
        modules = programme.modules.indices.map { position in
            let module = programme.modules[position]
            // Modules sharing an id (which the loader refuses) share the last loaded unit's title.
            let titled = programme.modules.indices.last { programme.modules[$0].id == module.id && units[$0] != nil }
            return ModuleInfo(module, title: titled.flatMap { units[$0]?.title } ?? module.id, assessment: programme.assessment(for: module))
        }

        var prompts: [JourneyState.Prompt] = []
        for (unit, info) in zip(units, modules) {
            if let unit {
                prompts += unit.reflections.map { JourneyState.Prompt(id: $0.id, words: $0.prompt, needsReview: $0.needsReview) }
            }
            for question in info.assessment?.questions ?? [] {
                if case .reflection = question.kind {
                    prompts.append(JourneyState.Prompt(id: question.id, words: question.prompt, needsReview: true))
                }
            }
        }
        self.prompts = prompts
        var seen = Set<String>(minimumCapacity: prompts.count)
        promptOrder = prompts.map(\.id).filter { seen.insert($0).inserted }
        promptIDs = seen
        needsNoReview = prompts.allSatisfy(\.needsReview) ? [] : Set(prompts.filter { !$0.needsReview }.map(\.id))
        checkRequirementIDs = programme.recruitment.map { "check:\($0.id)" }
    }

    /// The position of the first module with this id.
    func firstPosition(of moduleID: String) -> Int? {
        modules.firstIndex { $0.module.id == moduleID }
    }
}
