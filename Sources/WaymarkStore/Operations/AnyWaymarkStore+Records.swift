import Foundation
import WaymarkProgress

extension AnyWaymarkStore {
    public func enrol(_ enrolment: Enrolment) async throws -> Enrolment {
        try await backend.write { db in
            guard try await db.fetchFirstRow(RecordSQL.personExists(enrolment.traineeID)) != nil else { throw StoreError.notFound("The trainee") }
            try await db.perform(RecordSQL.enrol(enrolment))
            return enrolment
        }
    }

    public func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await backend.read { db in try await db.fetchRows(RecordSQL.enrolments(traineeID: traineeID)).map(RecordSQL.enrolment) }
    }

    /// A trainee's page reads this on every visit: each database its fastest way (see
    /// `SQLBackend.traineeRecords`).
    public func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try await backend.traineeRecords(traineeID: traineeID, answers: answers)
    }

    public func events(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await backend.read { db in try await db.events(traineeID: traineeID, programmeID: programmeID, answers: true) }
    }

    public func eventsForProgress(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await backend.read { db in try await db.events(traineeID: traineeID, programmeID: programmeID, answers: false) }
    }

    public func answers(traineeID: String, programmeID: String, sequence: Int) async throws -> [String: Answer]? {
        let json = try await backend.read { db in
            try await db.fetchFirstRow(RecordSQL.answers(traineeID: traineeID, programmeID: programmeID, sequence: sequence))?
                .optional("answers", as: String.self)
        }
        guard let json else { return nil }
        return try EventColumns.answers(Data(json.utf8))
    }

    public func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
        try await backend.forEachTraineeEvents(programmeID: programmeID, body)
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary) async throws {
        try await writeAppend(events, summary: summary, certificate: nil, mail: [])
        observer?.appended(events)
    }

    public func programmesWithTrainees() async throws -> [String] {
        try await backend.read { db in try await db.fetchRows(RecordSQL.programmesWithTrainees).map { try $0.required("programme_id") } }
    }

    public func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage {
        try await backend.read { db in
            let total = try await db.fetchFirstRow(RecordSQL.summaryCount(programmeID: programmeID, stage: stage))?.required("n", as: Int.self) ?? 0
            let rows = try await db.fetchRows(RecordSQL.summaries(programmeID: programmeID, stage: stage, offset: offset, limit: limit))
            return SummaryPage(summaries: try rows.map(RecordSQL.summary), total: total)
        }
    }

    public func erasePersonalData(personID: String, by actorID: String, at: Date) async throws {
        try await backend.write { db in
            guard let person = try await db.fetchFirstRow(Erasure.person(personID)).map(PeopleSQL.person) else { throw StoreError.notFound("The person") }
            let otherAdmins = try await db.fetchRows(Erasure.otherActiveAdmins(personID: personID)).count
            if let refusal = Erasure.refusal(of: person, by: actorID, otherActiveAdmins: otherAdmins) { throw StoreError.refused(refusal) }
            for statement in Erasure.statements(personID: personID, at: at) { try await db.perform(statement) }
            for enrolment in try await db.fetchRows(Erasure.enrolments(personID: personID)) {
                for statement in try Erasure.recordErasure(enrolment, personID: personID, by: actorID, at: at) { try await db.perform(statement) }
            }
            try await db.insertAudit(AuditEntry(at: at, actorID: actorID, action: "person.erased", subjectID: personID, detail: nil))
        }
        try await backend.compact()
    }
}
