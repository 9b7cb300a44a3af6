/// The reading of a module.
public struct Unit: Sendable, Hashable {
    /// Stable key.
    public var id: String
    /// The unit's title.
    public var title: String
    /// About how long it takes to read.
    public var minutes: Int?
    /// What a trainee will be able to do afterwards.
    public var objectives: [[Inline]]
    /// The reading, in order.
    public var sections: [Section]
    /// Prompts for a written reflection.
    public var reflections: [ReflectionPrompt]
    /// The file it came from, as shown in diagnostics.
    public var sourcePath: String

    /// Makes a value with every field given.
    public init(
        id: String,
        title: String,
        minutes: Int?,
        objectives: [[Inline]],
        sections: [Section],
        reflections: [ReflectionPrompt],
        sourcePath: String
    ) {
        self.id = id
        self.title = title
        self.minutes = minutes
        self.objectives = objectives
        self.sections = sections
        self.reflections = reflections
        self.sourcePath = sourcePath
    }
}

/// One titled part of a unit.
public struct Section: Sendable, Hashable {
    /// Stable key, unique in its unit.
    public var id: String
    /// The section's heading.
    public var title: String
    /// Its paragraphs, lists, quotes and callouts.
    public var blocks: [Block]

    /// Makes a value with every field given.
    public init(
        id: String,
        title: String,
        blocks: [Block]
    ) {
        self.id = id
        self.title = title
        self.blocks = blocks
    }
}

/// A question a trainee answers in their own words; a trainer reads it.
public struct ReflectionPrompt: Sendable, Hashable {
    /// Stable key, unique in its programme.
    public var id: String
    /// The question.
    public var prompt: [Inline]
    /// Help with how to answer.
    public var guidance: [Inline]
    /// The fewest words that count as an answer, if there is a minimum.
    public var minimumWords: Int?
    /// Whether a trainer must accept it before it counts.
    public var needsReview: Bool

    /// Makes a value with every field given.
    public init(
        id: String,
        prompt: [Inline],
        guidance: [Inline],
        minimumWords: Int?,
        needsReview: Bool
    ) {
        self.id = id
        self.prompt = prompt
        self.guidance = guidance
        self.minimumWords = minimumWords
        self.needsReview = needsReview
    }
}
