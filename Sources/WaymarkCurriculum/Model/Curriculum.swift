/// Everything loaded from one curriculum folder: immutable, safe to share and swap whole.
public struct Curriculum: Sendable, Hashable {
    /// The programmes, sorted by id.
    public var programmes: [Programme]

    /// A curriculum of these programmes.
    public init(programmes: [Programme]) {
        self.programmes = programmes.sorted { $0.id < $1.id }
    }

    /// The programme with this id, if there is one.
    public func programme(_ id: String) -> Programme? {
        programmes.first { $0.id == id }
    }

    /// Counts for the summary line.
    public var counts: Counts {
        Counts(
            programmes: programmes.count,
            modules: programmes.reduce(0) { $0 + $1.modules.count },
            units: programmes.reduce(0) { $0 + $1.units.count },
            assessments: programmes.reduce(0) { $0 + $1.assessments.count },
            questions: programmes.reduce(0) { $0 + $1.assessments.values.reduce(0) { $0 + $1.questions.count } }
        )
    }

    /// How much a curriculum holds.
    public struct Counts: Sendable, Hashable, Codable {
        public var programmes: Int
        public var modules: Int
        public var units: Int
        public var assessments: Int
        public var questions: Int

        /// Makes a value with every field given.
        public init(
            programmes: Int,
            modules: Int,
            units: Int,
            assessments: Int,
            questions: Int
        ) {
            self.programmes = programmes
            self.modules = modules
            self.units = units
            self.assessments = assessments
            self.questions = questions
        }
    }
}
