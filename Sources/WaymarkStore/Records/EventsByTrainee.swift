import WaymarkProgress

/// Turns events read in trainee order into one call per trainee, reusing one array: what both
/// stores' whole-cohort reads do with their rows.
struct EventsByTrainee {
    private var current: String?
    private var events: [TraineeEvent] = []
    private let body: (String, [TraineeEvent]) throws -> Void

    init(_ body: @escaping (String, [TraineeEvent]) throws -> Void) {
        self.body = body
    }

    mutating func add(_ event: TraineeEvent) throws {
        if event.traineeID != current {
            try finish()
            current = event.traineeID
        }
        events.append(event)
    }

    /// Hands over the last trainee's events.
    mutating func finish() throws {
        if let current, !events.isEmpty { try body(current, events) }
        events.removeAll(keepingCapacity: true)
    }
}
