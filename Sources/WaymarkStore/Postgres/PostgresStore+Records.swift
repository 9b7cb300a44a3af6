import Foundation
import PostgresNIO
import WaymarkProgress

extension PostgresStore: RecordStore {
    public func enrol(_ enrolment: Enrolment) async throws -> Enrolment {
        try await transaction { [self] connection in
            guard try await connection.fetchFirstRow(RecordSQL.personExists(enrolment.traineeID), logger: logger) != nil else {
                throw StoreError.notFound("The trainee")
            }
            try await connection.perform(RecordSQL.enrol(enrolment), logger: logger)
            return enrolment
        }
    }

    public func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(RecordSQL.enrolments(traineeID: traineeID), logger: logger).map(RecordSQL.enrolment)
        }
    }

    public func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try await onConnection { [self] connection in
            let enrolments = try await connection.fetchRows(RecordSQL.enrolments(traineeID: traineeID), logger: logger).map(RecordSQL.enrolment)
            var records: [(enrolment: Enrolment, events: [TraineeEvent])] = []
            for enrolment in enrolments {
                let query = RecordSQL.events(traineeID: traineeID, programmeID: enrolment.programmeID, answers: answers)
                records.append((enrolment, try await Self.events(connection, query, answers: answers, logger: logger)))
            }
            return records
        }
    }

    public func events(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await onConnection { [self] connection in
            let query = RecordSQL.events(traineeID: traineeID, programmeID: programmeID, answers: true)
            return try await Self.events(connection, query, answers: true, logger: logger)
        }
    }

    public func eventsForProgress(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await onConnection { [self] connection in
            let query = RecordSQL.events(traineeID: traineeID, programmeID: programmeID, answers: false)
            return try await Self.events(connection, query, answers: false, logger: logger)
        }
    }

    /// The events a `RecordSQL.events` statement reads, as they stream in.
    static func events(_ connection: PostgresConnection, _ query: SQLStatement, answers: Bool, logger: Logger) async throws -> [TraineeEvent] {
        var events: [TraineeEvent] = []
        var strings = StringReuse()
        for try await row in try await connection.query(query.postgresQuery, logger: logger) {
            if let event = try Self.event(row, answers: answers, strings: &strings) { events.append(event) }
        }
        return events
    }

    /// An event from a row of `RecordSQL.eventColumns`, read by position as it streams in (a whole
    /// cohort's rows pass through here); nil for a kind this version does not know.
    static func event(_ row: PostgresRow, answers: Bool, strings: inout StringReuse) throws -> TraineeEvent? {
        let (traineeID, programmeID, sequence, version, actorID, at, reason, kindName) = try row.decode(
            (String, String, Int, String, String, Double, String?, String).self
        )
        guard let tag = EventKindTag(name: kindName) else { return nil }
        var cells = row.makeIterator()
        for _ in 0..<8 { _ = cells.next() }
        func next<T: PostgresDecodable>(_ type: T.Type) throws -> T? where T._DecodableType == T {
            guard let cell = cells.next() else { return nil }
            return try cell.decode(T?.self)
        }
        let subject = try next(String.self)
        let outcome = try next(String.self)
        let amount = try next(Double.self)
        let onDate = try next(Double.self).map(Date.init(timeIntervalSince1970:))
        let body = try next(String.self)
        let detail = try next(String.self)
        let answersJSON = answers ? try next(String.self) : nil
        guard
            let kind = try EventKind.read(
                tag,
                subject: subject,
                outcome: outcome,
                amount: amount,
                onDate: onDate,
                body: { body },
                attempt: {
                    guard var detail else { return nil }
                    let scores = detail.withUTF8 { bytes in
                        AttemptScores.decode(bytes, assessmentID: subject ?? "", moduleID: body ?? "", strings: &strings)
                    }
                    guard var attempt = scores else { return nil }
                    if let answersJSON {
                        attempt.answers = try JSONDecoder().decode([String: Answer].self, from: Data(answersJSON.utf8))
                    }
                    return attempt
                }
            )
        else { return nil }
        return TraineeEvent(
            sequence: sequence,
            traineeID: traineeID,
            programmeID: programmeID,
            programmeVersion: version,
            actorID: actorID,
            at: Date(timeIntervalSince1970: at),
            reason: reason,
            kind: kind
        )
    }

    public func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
        try await onConnection { [self] connection in
            let rows = try await connection.query(RecordSQL.cohortEvents(programmeID: programmeID).postgresQuery, logger: logger)
            var grouping = EventsByTrainee(body)
            var strings = StringReuse()
            for try await row in rows {
                if let event = try Self.event(row, answers: false, strings: &strings) { try grouping.add(event) }
            }
            try grouping.finish()
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        try await transaction { [self] connection in
            try await Self.insertEvents(connection, rows, logger: logger)
            try await Self.saveSummary(connection, summary, logger: logger)
        }
    }

    static func insertEvents(_ connection: PostgresConnection, _ rows: [(TraineeEvent, EventColumns)], logger: Logger) async throws {
        for (event, columns) in rows { try await connection.perform(RecordSQL.insertEvent(event, columns), logger: logger) }
    }

    static func saveSummary(_ connection: PostgresConnection, _ summary: TraineeSummary, logger: Logger) async throws {
        try await connection.perform(RecordSQL.saveSummary(summary), logger: logger)
    }

    public func programmesWithTrainees() async throws -> [String] {
        try await onConnection { [self] connection in
            try await connection.fetchRows(RecordSQL.programmesWithTrainees, logger: logger).map { try $0.required("programme_id") }
        }
    }

    public func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage {
        try await onConnection { [self] connection in
            let total =
                try await connection.fetchFirstRow(RecordSQL.summaryCount(programmeID: programmeID, stage: stage), logger: logger)?
                .required("n", as: Int.self) ?? 0
            let rows = try await connection.fetchRows(
                RecordSQL.summaries(programmeID: programmeID, stage: stage, offset: offset, limit: limit),
                logger: logger
            )
            return SummaryPage(summaries: try rows.map(RecordSQL.summary), total: total)
        }
    }

    public func erasePersonalData(personID: String, by actorID: String, at: Date) async throws {
        try await transaction { [self] connection in
            guard let person = try await connection.fetchFirstRow(Erasure.person(personID), logger: logger).map(PeopleSQL.person) else {
                throw StoreError.notFound("The person")
            }
            let otherAdmins = try await connection.fetchRows(Erasure.otherActiveAdmins(personID: personID), logger: logger).count
            if let refusal = Erasure.refusal(of: person, by: actorID, otherActiveAdmins: otherAdmins) { throw StoreError.refused(refusal) }
            for statement in Erasure.statements(personID: personID, at: at) { try await connection.perform(statement, logger: logger) }
            for enrolment in try await connection.fetchRows(Erasure.enrolments(personID: personID), logger: logger) {
                for statement in try Erasure.recordErasure(enrolment, personID: personID, by: actorID, at: at) {
                    try await connection.perform(statement, logger: logger)
                }
            }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.erased", subjectID: personID, detail: nil),
                logger: logger
            )
        }
    }
}
