import WaymarkCurriculum

/// What evaluation needs from a programme that is the same for every trainee: the reflection
/// prompts in order (with their text flattened) and each module's title. Worked out once per
/// programme by `Progression.Evaluator` rather than once per trainee.
struct ProgrammeDigest: Sendable {
    let prompts: [JourneyState.Prompt]
    let moduleTitles: [String: String]

    init(_ programme: Programme) {
        var prompts: [JourneyState.Prompt] = []
        var titles: [String: String] = [:]
        for module in programme.modules {
            if let unit = programme.unit(for: module) {
                titles[module.id] = unit.title
                prompts += unit.reflections.map { JourneyState.Prompt(id: $0.id, text: $0.prompt.plainText, needsReview: $0.needsReview) }
            }
            if let assessment = programme.assessment(for: module) {
                for question in assessment.questions {
                    if case .reflection = question.kind {
                        prompts.append(JourneyState.Prompt(id: question.id, text: question.prompt.plainText, needsReview: true))
                    }
                }
            }
        }
        self.prompts = prompts
        self.moduleTitles = titles
    }
}
