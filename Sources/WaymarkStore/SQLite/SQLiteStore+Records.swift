import Foundation
import GRDB
import WaymarkProgress

extension SQLiteStore: RecordStore {
    public func enrol(_ enrolment: Enrolment) async throws -> Enrolment {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM people WHERE id = ?", arguments: [enrolment.traineeID]) == true else {
                throw StoreError.notFound("The trainee")
            }
            try db.execute(
                sql: """
                    INSERT INTO enrolments (trainee_id, programme_id, supervisor_id, enrolled_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (trainee_id, programme_id) DO UPDATE SET supervisor_id = excluded.supervisor_id
                    """,
                arguments: [enrolment.traineeID, enrolment.programmeID, enrolment.supervisorID, enrolment.enrolledAt.timeIntervalSince1970]
            )
            return enrolment
        }
    }

    public func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM enrolments WHERE trainee_id = ? ORDER BY enrolled_at"),
                arguments: [traineeID]
            ).map(
                Self.enrolment
            )
        }
    }

    static func enrolment(_ row: Row) -> Enrolment {
        Enrolment(
            traineeID: row["trainee_id"],
            programmeID: row["programme_id"],
            supervisorID: row["supervisor_id"],
            enrolledAt: Date(timeIntervalSince1970: row["enrolled_at"])
        )
    }

    public func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try quickRead { db in
            let statement = try db.cachedStatement(
                sql: "SELECT programme_id, supervisor_id, enrolled_at FROM enrolments WHERE trainee_id = ? ORDER BY enrolled_at"
            )
            let enrolments = try ColumnReader.all(statement, [traineeID]) { row in
                Enrolment(
                    traineeID: traineeID,
                    programmeID: row.text(0) ?? "",
                    supervisorID: row.text(1),
                    enrolledAt: Date(timeIntervalSince1970: row.double(2))
                )
            }
            return try enrolments.map { ($0, try Self.events(db, traineeID: traineeID, programmeID: $0.programmeID, answers: answers)) }
        }
    }

    public func events(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try quickRead { db in try Self.events(db, traineeID: traineeID, programmeID: programmeID, answers: true) }
    }

    public func eventsForProgress(traineeID: String, programmeID: String) async throws -> [TraineeEvent] {
        try quickRead { db in try Self.events(db, traineeID: traineeID, programmeID: programmeID, answers: false) }
    }

    static let eventColumns =
        "trainee_id, programme_id, sequence, programme_version, actor_id, at, reason, kind, subject, outcome, amount, on_date, body, detail, answers"

    /// The columns to read: without answers, a NULL stands in their place so SQLite never reads them.
    static func selectedColumns(answers: Bool) -> String {
        answers ? eventColumns : eventColumnsWithoutAnswers
    }

    // Built once: every page reads a trainee's events, and building the SQL cost more than running it.
    private static let eventColumnsWithoutAnswers = eventColumns.replacingOccurrences(of: ", answers", with: ", NULL")
    private static let traineeEventsSQL = "SELECT \(eventColumns) FROM events WHERE trainee_id = ? AND programme_id = ? ORDER BY sequence"
    private static let traineeEventsWithoutAnswersSQL =
        "SELECT \(eventColumnsWithoutAnswers) FROM events WHERE trainee_id = ? AND programme_id = ? ORDER BY sequence"

    static func events(_ db: Database, traineeID: String, programmeID: String, answers: Bool) throws -> [TraineeEvent] {
        let statement = try db.cachedStatement(sql: answers ? traineeEventsSQL : traineeEventsWithoutAnswersSQL)
        try statement.setArguments([traineeID, programmeID])
        var scanner = EventScanner(statement, answers: answers)
        var events: [TraineeEvent] = []
        while let event = try scanner.next() { events.append(event) }
        return events
    }

    public func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
        try await read { db in
            // The table is clustered on (trainee, programme, sequence): one ordered scan.
            let statement = try db.makeStatement(
                sql: "SELECT \(Self.selectedColumns(answers: false)) FROM events WHERE programme_id = ? ORDER BY trainee_id, programme_id, sequence"
            )
            try statement.setArguments([programmeID])
            var scanner = EventScanner(statement, answers: false)
            var grouping = EventsByTrainee(body)
            while let event = try scanner.next() { try grouping.add(event) }
            try grouping.finish()
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        try await write { db in
            try Self.insertEvents(db, rows)
            try Self.saveSummary(db, summary)
        }
    }

    static func insertEvents(_ db: Database, _ rows: [(TraineeEvent, EventColumns)]) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO events (\(Self.eventColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for (event, columns) in rows {
            try statement.execute(arguments: [
                event.traineeID, event.programmeID, event.sequence, event.programmeVersion, event.actorID,
                event.at.timeIntervalSince1970, event.reason, columns.kind, columns.subject, columns.outcome,
                columns.amount, columns.onDate, columns.body, columns.detail, columns.answers,
            ])
        }
    }

    static func saveSummary(_ db: Database, _ summary: TraineeSummary) throws {
        try db.execute(
            sql: """
                INSERT INTO trainee_summaries (trainee_id, programme_id, stage, next_step, next_step_actor, last_activity,
                    supervision_due, certificate_valid_until, awaiting_review, last_sequence, name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT name FROM people WHERE id = ?), ''))
                ON CONFLICT (trainee_id, programme_id) DO UPDATE SET name = excluded.name,
                    stage = excluded.stage, next_step = excluded.next_step, next_step_actor = excluded.next_step_actor,
                    last_activity = excluded.last_activity, supervision_due = excluded.supervision_due,
                    certificate_valid_until = excluded.certificate_valid_until, awaiting_review = excluded.awaiting_review,
                    last_sequence = excluded.last_sequence
                """,
            arguments: [
                summary.traineeID, summary.programmeID, summary.stage.rawValue, summary.nextStep, summary.nextStepActor.rawValue,
                summary.dates.lastActivity?.timeIntervalSince1970, summary.dates.supervisionDue?.timeIntervalSince1970,
                summary.dates.certificateValidUntil?.timeIntervalSince1970, summary.reflectionsAwaitingReview, summary.lastSequence,
                summary.traineeID,
            ]
        )
    }

    public func programmesWithTrainees() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT DISTINCT programme_id FROM enrolments ORDER BY programme_id") }
    }

    public func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage {
        try await read { db in
            var filter = "s.programme_id = ?"
            var arguments: StatementArguments = [programmeID]
            if let stage {
                filter += " AND s.stage = ?"
                _ = arguments.append(contentsOf: [stage.rawValue])
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trainee_summaries s WHERE \(filter)", arguments: arguments) ?? 0
            _ = arguments.append(contentsOf: [limit, offset])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.* FROM trainee_summaries s
                    WHERE \(filter) ORDER BY \(ApplicationSQL.newApplicationsFirst), s.name, s.trainee_id LIMIT ? OFFSET ?
                    """,
                arguments: arguments
            )
            return SummaryPage(summaries: rows.map(Self.summary), total: total)
        }
    }

    static func summary(_ row: Row) -> TraineeSummary {
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        return TraineeSummary(
            traineeID: row["trainee_id"],
            programmeID: row["programme_id"],
            name: row["name"] ?? "",
            stage: Stage(rawValue: row["stage"]) ?? .applicant,
            nextStep: row["next_step"],
            nextStepActor: NextStep.Actor(rawValue: row["next_step_actor"]) ?? .trainee,
            dates: KeyDates(
                lastActivity: date("last_activity"),
                supervisionDue: date("supervision_due"),
                certificateValidUntil: date("certificate_valid_until")
            ),
            reflectionsAwaitingReview: row["awaiting_review"],
            lastSequence: row["last_sequence"]
        )
    }

    public func erasePersonalData(personID: String, by actorID: String, at: Date) async throws {
        try await write { db in
            guard let person = try Row.fetchOne(db, sql: "SELECT * FROM people WHERE id = ?", arguments: [personID]).map(PeopleSQL.person) else {
                throw StoreError.notFound("The person")
            }
            let otherAdmins = try String.fetchAll(db, sql: Self.numberedParameters(Erasure.otherActiveAdminsSQL), arguments: [personID]).count
            if let refusal = Erasure.refusal(of: person, by: actorID, otherActiveAdmins: otherAdmins) { throw StoreError.refused(refusal) }
            for statement in Erasure.statements {
                let arguments: StatementArguments = Erasure.usesTime(statement) ? [personID, at.timeIntervalSince1970] : [personID]
                try db.execute(sql: Self.numberedParameters(statement), arguments: arguments)
            }
            let enrolments = try Row.fetchAll(
                db,
                sql:
                    "SELECT programme_id, (SELECT MAX(sequence) FROM events e WHERE e.trainee_id = n.trainee_id AND e.programme_id = n.programme_id) AS last, (SELECT programme_version FROM events e WHERE e.trainee_id = n.trainee_id AND e.programme_id = n.programme_id ORDER BY sequence DESC LIMIT 1) AS version FROM enrolments n WHERE trainee_id = ?",
                arguments: [personID]
            )
            for row in enrolments {
                let programmeID: String = row["programme_id"]
                let last: Int = row["last"] ?? 0
                let version: String = row["version"] ?? ""
                try db.execute(
                    sql:
                        "INSERT INTO events (trainee_id, programme_id, sequence, programme_version, actor_id, at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [personID, programmeID, last + 1, version, actorID, at.timeIntervalSince1970, EventKind.personalDataErased.tag.name]
                )
                try db.execute(
                    sql: "UPDATE trainee_summaries SET last_sequence = ? WHERE trainee_id = ? AND programme_id = ?",
                    arguments: [last + 1, personID, programmeID]
                )
            }
            try Self.insertAudit(db, AuditEntry(at: at, actorID: actorID, action: "person.erased", subjectID: personID, detail: nil))
        }
        try await compact()
    }

    /// After an erasure: an UPDATE leaves the old text in the file's free space, and the
    /// write-ahead log keeps copies of the pages it changed. VACUUM rewrites the file without
    /// them, and a TRUNCATE checkpoint copies the log into the file and empties it.
    func compact() async throws {
        do {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.checkpoint(.truncate)
            }
        } catch let error as DatabaseError {
            throw StoreError.unavailable("the record is erased, but the database file still holds old copies until it is compacted: \(error)")
        }
    }
}
