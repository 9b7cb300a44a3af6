import Foundation
import WaymarkProgress

@testable import WaymarkStore

let day: TimeInterval = 86_400
let start = Date(timeIntervalSince1970: 1_790_000_000)

/// A trainee enrolled on "p" with an event builder that numbers events.
func enrolledTrainee(_ store: AnyWaymarkStore, name: String = "Sam Trainee", email: String? = nil) async throws -> Person {
    let person = try await store.addPerson(
        NewPerson(name: name, email: email ?? "\(UUID().uuidString)@example.org", roles: [.trainee], passwordHash: nil),
        at: start
    )
    _ = try await store.enrol(Enrolment(traineeID: person.id, programmeID: "p", supervisorID: nil, enrolledAt: start))
    return person
}

func event(_ sequence: Int, _ traineeID: String, _ kind: EventKind, at: Date = start, reason: String? = nil) -> TraineeEvent {
    TraineeEvent(
        sequence: sequence,
        traineeID: traineeID,
        programmeID: "p",
        programmeVersion: "1",
        actorID: "tester",
        at: at.addingTimeInterval(Double(sequence)),
        reason: reason,
        kind: kind
    )
}

func summary(_ traineeID: String, last: Int, stage: Stage = .inTraining, step: String = "Read the first unit") -> TraineeSummary {
    TraineeSummary(
        traineeID: traineeID,
        programmeID: "p",
        stage: stage,
        nextStep: step,
        nextStepActor: .trainee,
        dates: KeyDates(lastActivity: start),
        reflectionsAwaitingReview: 0,
        lastSequence: last
    )
}
