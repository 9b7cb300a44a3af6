import Foundation
import PostgresNIO
import WaymarkProgress

extension PostgresStore: RecordStore {
    public func enrol(_ enrolment: Enrolment) async throws -> Enrolment {
        try await write { [self] connection in
            guard try await connection.run("SELECT 1 FROM people WHERE id = \(enrolment.traineeID)", logger: logger) == 1 else {
                throw StoreError.notFound("The trainee")
            }
            try await connection.run(
                """
                INSERT INTO enrolments (trainee_id, programme_id, supervisor_id, enrolled_at)
                VALUES (\(enrolment.traineeID), \(enrolment.programmeID), \(enrolment.supervisorID), \(enrolment.enrolledAt.timeIntervalSince1970))
                ON CONFLICT (trainee_id, programme_id) DO UPDATE SET supervisor_id = excluded.supervisor_id
                """,
                logger: logger
            )
            return enrolment
        }
    }

    public func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM enrolments WHERE trainee_id = \(traineeID) ORDER BY enrolled_at", logger: logger)
                .map(Self.enrolment)
        }
    }

    static func enrolment(_ row: PostgresRandomAccessRow) throws -> Enrolment {
        Enrolment(
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            supervisorID: try row.value("supervisor_id"),
            enrolledAt: try row.requiredDate("enrolled_at")
        )
    }

    public func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try await read { [self] connection in
            let enrolments = try await connection.rows(
                "SELECT * FROM enrolments WHERE trainee_id = \(traineeID) ORDER BY enrolled_at",
                logger: logger
            )
            .map(Self.enrolment)
            var records: [(enrolment: Enrolment, events: [TraineeEvent])] = []
            for enrolment in enrolments {
                let events = try await Self.events(
                    connection,
                    traineeID: traineeID,
                    programmeID: enrolment.programmeID,
                    answers: answers,
                    logger: logger
                )
                records.append((enrolment, events))
            }
            return records
        }
    }

    public func events(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await read { [self] connection in
            try await Self.events(connection, traineeID: traineeID, programmeID: programmeID, answers: true, logger: logger)
        }
    }

    public func eventsForProgress(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try await read { [self] connection in
            try await Self.events(connection, traineeID: traineeID, programmeID: programmeID, answers: false, logger: logger)
        }
    }

    static func events(
        _ connection: PostgresConnection,
        traineeID: String,
        programmeID: String,
        answers: Bool,
        logger: Logger
    ) async throws
        -> [TraineeEvent]
    {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: SQLiteStore.selectedColumns(answers: answers)) FROM events
            WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) ORDER BY sequence
            """,
            logger: logger
        )
        var events: [TraineeEvent] = []
        var strings = StringReuse()
        for try await row in rows {
            if let event = try Self.event(row, answers: answers, strings: &strings) { events.append(event) }
        }
        return events
    }

    /// An event from a row of `SQLiteStore.eventColumns`; nil for a kind this version does not know.
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
        try await read { [self] connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: SQLiteStore.selectedColumns(answers: false)) FROM events
                WHERE programme_id = \(programmeID) ORDER BY trainee_id COLLATE "C", programme_id, sequence
                """,
                logger: logger
            )
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
        try await write { [self] connection in
            try await Self.insertEvents(connection, rows, logger: logger)
            try await Self.saveSummary(connection, summary, logger: logger)
        }
    }

    static func insertEvents(_ connection: PostgresConnection, _ rows: [(TraineeEvent, EventColumns)], logger: Logger) async throws {
        for (event, columns) in rows {
            try await connection.run(
                """
                INSERT INTO events (\(unescaped: SQLiteStore.eventColumns)) VALUES (\(event.traineeID), \(event.programmeID), \(event.sequence),
                    \(event.programmeVersion), \(event.actorID), \(event.at.timeIntervalSince1970), \(event.reason), \(columns.kind),
                    \(columns.subject), \(columns.outcome), \(columns.amount), \(columns.onDate), \(columns.body), \(columns.detail),
                    \(columns.answers))
                """,
                logger: logger
            )
        }
    }

    static func saveSummary(_ connection: PostgresConnection, _ summary: TraineeSummary, logger: Logger) async throws {
        try await connection.run(
            """
            INSERT INTO trainee_summaries (trainee_id, programme_id, stage, next_step, next_step_actor, last_activity,
                supervision_due, certificate_valid_until, awaiting_review, last_sequence, name)
            VALUES (\(summary.traineeID), \(summary.programmeID), \(summary.stage.rawValue), \(summary.nextStep),
                \(summary.nextStepActor.rawValue), \(summary.dates.lastActivity?.timeIntervalSince1970),
                \(summary.dates.supervisionDue?.timeIntervalSince1970), \(summary.dates.certificateValidUntil?.timeIntervalSince1970),
                \(summary.reflectionsAwaitingReview), \(summary.lastSequence),
                COALESCE((SELECT name FROM people WHERE id = \(summary.traineeID)), ''))
            ON CONFLICT (trainee_id, programme_id) DO UPDATE SET name = excluded.name,
                stage = excluded.stage, next_step = excluded.next_step, next_step_actor = excluded.next_step_actor,
                last_activity = excluded.last_activity, supervision_due = excluded.supervision_due,
                certificate_valid_until = excluded.certificate_valid_until, awaiting_review = excluded.awaiting_review,
                last_sequence = excluded.last_sequence
            """,
            logger: logger
        )
    }

    public func programmesWithTrainees() async throws -> [String] {
        try await read { [self] connection in
            try await connection.rows("SELECT programme_id FROM enrolments GROUP BY programme_id ORDER BY programme_id COLLATE \"C\"", logger: logger)
                .map { try $0.required("programme_id", as: String.self) }
        }
    }

    public func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage {
        try await read { [self] connection in
            let stageFilter = stage?.rawValue
            let total =
                try await connection.rows(
                    """
                    SELECT COUNT(*) AS n FROM trainee_summaries
                    WHERE programme_id = \(programmeID) AND (\(stageFilter)::TEXT IS NULL OR stage = \(stageFilter))
                    """,
                    logger: logger
                ).first?.value("n", as: Int.self) ?? 0
            let rows = try await connection.rows(
                """
                SELECT s.* FROM trainee_summaries s
                WHERE s.programme_id = \(programmeID) AND (\(stageFilter)::TEXT IS NULL OR s.stage = \(stageFilter))
                ORDER BY \(unescaped: ApplicationSQL.newApplicationsFirst), s.name COLLATE "C", s.trainee_id COLLATE "C"
                LIMIT \(limit) OFFSET \(offset)
                """,
                logger: logger
            )
            return SummaryPage(summaries: try rows.map(Self.summary), total: total)
        }
    }

    static func summary(_ row: PostgresRandomAccessRow) throws -> TraineeSummary {
        TraineeSummary(
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            name: try row.value("name") ?? "",
            stage: Stage(rawValue: try row.required("stage")) ?? .applicant,
            nextStep: try row.required("next_step"),
            nextStepActor: NextStep.Actor(rawValue: try row.required("next_step_actor")) ?? .trainee,
            dates: KeyDates(
                lastActivity: try row.date("last_activity"),
                supervisionDue: try row.date("supervision_due"),
                certificateValidUntil: try row.date("certificate_valid_until")
            ),
            reflectionsAwaitingReview: try row.required("awaiting_review"),
            lastSequence: try row.required("last_sequence")
        )
    }

    public func erasePersonalData(personID: String, by actorID: String, at: Date) async throws {
        try await write { [self] connection in
            let locked = try await connection.rows("SELECT * FROM people WHERE id = \(personID) FOR UPDATE", logger: logger)
            guard let person = try locked.first.map(PeopleSQL.person) else { throw StoreError.notFound("The person") }
            // Locked, so two admins erasing each other at once cannot leave nobody able to sign in.
            var others = PostgresBindings()
            others.append(personID)
            let otherAdmins = try await connection.run(
                PostgresQuery(unsafeSQL: Erasure.otherActiveAdminsSQL + " FOR UPDATE", binds: others),
                logger: logger
            )
            if let refusal = Erasure.refusal(of: person, by: actorID, otherActiveAdmins: otherAdmins) { throw StoreError.refused(refusal) }
            for statement in Erasure.statements {
                var binds = PostgresBindings()
                binds.append(personID)
                if Erasure.usesTime(statement) { binds.append(at.timeIntervalSince1970) }
                try await connection.run(PostgresQuery(unsafeSQL: statement, binds: binds), logger: logger)
            }
            let enrolments = try await connection.rows(
                """
                SELECT programme_id,
                    (SELECT MAX(sequence) FROM events e WHERE e.trainee_id = n.trainee_id AND e.programme_id = n.programme_id) AS last,
                    (SELECT programme_version FROM events e WHERE e.trainee_id = n.trainee_id AND e.programme_id = n.programme_id
                        ORDER BY sequence DESC LIMIT 1) AS version
                FROM enrolments n WHERE trainee_id = \(personID)
                """,
                logger: logger
            )
            for row in enrolments {
                let programmeID: String = try row.required("programme_id")
                let last: Int = try row.value("last") ?? 0
                let version: String = try row.value("version") ?? ""
                try await connection.run(
                    """
                    INSERT INTO events (trainee_id, programme_id, sequence, programme_version, actor_id, at, kind)
                    VALUES (\(personID), \(programmeID), \(last + 1), \(version), \(actorID), \(at.timeIntervalSince1970),
                        \(EventKind.personalDataErased.tag.name))
                    """,
                    logger: logger
                )
                try await connection.run(
                    "UPDATE trainee_summaries SET last_sequence = \(last + 1) WHERE trainee_id = \(personID) AND programme_id = \(programmeID)",
                    logger: logger
                )
            }
            try await Self.insertAudit(
                connection,
                AuditEntry(at: at, actorID: actorID, action: "person.erased", subjectID: personID, detail: nil),
                logger: logger
            )
        }
    }
}
