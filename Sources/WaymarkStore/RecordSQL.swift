import Foundation
import WaymarkProgress

/// Enrolments, the append-only events and the summaries kept beside them, written once for
/// both stores.
enum RecordSQL {
    static func personExists(_ id: String) -> SQLStatement { "SELECT 1 AS found FROM people WHERE id = \(id)" }

    /// Enrols a trainee, or changes the supervisor of an enrolment there already.
    static func enrol(_ enrolment: Enrolment) -> SQLStatement {
        """
        INSERT INTO enrolments (trainee_id, programme_id, supervisor_id, enrolled_at)
        VALUES (\(enrolment.traineeID), \(enrolment.programmeID), \(enrolment.supervisorID), \(enrolment.enrolledAt))
        ON CONFLICT (trainee_id, programme_id) DO UPDATE SET supervisor_id = excluded.supervisor_id
        """
    }

    /// Its columns are `enrolmentColumns`, in that order: SQLite's page reads take them by position.
    static func enrolments(traineeID: String) -> SQLStatement {
        "SELECT \(trusted: enrolmentColumns) FROM enrolments WHERE trainee_id = \(traineeID) ORDER BY enrolled_at"
    }

    static let enrolmentColumns = "trainee_id, programme_id, supervisor_id, enrolled_at"

    static func enrolment(_ row: any SQLRow) throws -> Enrolment {
        Enrolment(
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            supervisorID: try row.optional("supervisor_id"),
            enrolledAt: try row.requiredDate("enrolled_at")
        )
    }

    /// The programmes anyone is enrolled on, in the same order on both databases.
    static let programmesWithTrainees: SQLStatement =
        "SELECT programme_id FROM enrolments GROUP BY programme_id ORDER BY programme_id\(.binaryOrder)"

    // MARK: Events

    /// The columns of an event row, in the order both stores' event readers take them.
    static let eventColumns =
        "trainee_id, programme_id, sequence, programme_version, actor_id, at, reason, kind, subject, outcome, amount, on_date, body, detail, answers"

    /// Without answers, a NULL stands in their place so the database never reads them.
    private static let eventColumnsWithoutAnswers = eventColumns.replacingOccurrences(of: ", answers", with: ", NULL")

    static func columns(answers: Bool) -> String {
        answers ? eventColumns : eventColumnsWithoutAnswers
    }

    /// One trainee's events on a programme, in order.
    static func events(traineeID: String, programmeID: String, answers: Bool) -> SQLStatement {
        """
        SELECT \(trusted: columns(answers: answers)) FROM events
        WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) ORDER BY sequence
        """
    }

    /// The answers kept with one event (NULL unless it is an attempt).
    static func answers(traineeID: String, programmeID: String, sequence: Int) -> SQLStatement {
        "SELECT answers FROM events WHERE trainee_id = \(traineeID) AND programme_id = \(programmeID) AND sequence = \(sequence)"
    }

    /// Every event on a programme, trainee by trainee: the table is clustered on
    /// (trainee, programme, sequence), so this is one ordered scan.
    static func cohortEvents(programmeID: String) -> SQLStatement {
        """
        SELECT \(trusted: columns(answers: false)) FROM events
        WHERE programme_id = \(programmeID) ORDER BY trainee_id\(.binaryOrder), programme_id, sequence
        """
    }

    static func insertEvent(_ event: TraineeEvent, _ columns: EventColumns) -> SQLStatement {
        """
        INSERT INTO events (\(trusted: eventColumns))
        VALUES (\(event.traineeID), \(event.programmeID), \(event.sequence), \(event.programmeVersion), \(event.actorID), \(event.at),
            \(event.reason), \(columns.kind), \(columns.subject), \(columns.outcome), \(columns.amount), \(columns.onDate), \(columns.body),
            \(columns.detail), \(columns.answers))
        """
    }

    // MARK: Summaries

    /// Writes a trainee's summary with their name as it is now.
    static func saveSummary(_ summary: TraineeSummary) -> SQLStatement {
        """
        INSERT INTO trainee_summaries (trainee_id, programme_id, stage, next_step, next_step_actor, last_activity,
            supervision_due, certificate_valid_until, awaiting_review, last_sequence, name)
        VALUES (\(summary.traineeID), \(summary.programmeID), \(summary.stage.rawValue), \(summary.nextStep), \(summary.nextStepActor.rawValue),
            \(summary.dates.lastActivity), \(summary.dates.supervisionDue), \(summary.dates.certificateValidUntil),
            \(summary.reflectionsAwaitingReview), \(summary.lastSequence), COALESCE((SELECT name FROM people WHERE id = \(summary.traineeID)), ''))
        ON CONFLICT (trainee_id, programme_id) DO UPDATE SET name = excluded.name,
            stage = excluded.stage, next_step = excluded.next_step, next_step_actor = excluded.next_step_actor,
            last_activity = excluded.last_activity, supervision_due = excluded.supervision_due,
            certificate_valid_until = excluded.certificate_valid_until, awaiting_review = excluded.awaiting_review,
            last_sequence = excluded.last_sequence
        """
    }

    static func summaryCount(programmeID: String, stage: Stage?) -> SQLStatement {
        "SELECT COUNT(*) AS n FROM trainee_summaries s WHERE \(summaryFilter(programmeID: programmeID, stage: stage))"
    }

    /// A page of a programme's summaries in the cohort's order (see `ApplicationSQL.newApplicationsFirst`).
    static func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) -> SQLStatement {
        """
        SELECT s.* FROM trainee_summaries s WHERE \(summaryFilter(programmeID: programmeID, stage: stage))
        ORDER BY \(trusted: ApplicationSQL.newApplicationsFirst), s.name\(.binaryOrder), s.trainee_id\(.binaryOrder)
        LIMIT \(limit) OFFSET \(offset)
        """
    }

    private static func summaryFilter(programmeID: String, stage: Stage?) -> SQLStatement {
        guard let stage else { return "s.programme_id = \(programmeID)" }
        return "s.programme_id = \(programmeID) AND s.stage = \(stage.rawValue)"
    }

    static func summary(_ row: any SQLRow) throws -> TraineeSummary {
        TraineeSummary(
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            name: try row.optional("name") ?? "",
            stage: Stage(rawValue: try row.required("stage")) ?? .applicant,
            nextStep: try row.required("next_step"),
            nextStepActor: NextStep.Actor(rawValue: try row.required("next_step_actor")) ?? .trainee,
            dates: KeyDates(
                lastActivity: try row.optionalDate("last_activity"),
                supervisionDue: try row.optionalDate("supervision_due"),
                certificateValidUntil: try row.optionalDate("certificate_valid_until")
            ),
            reflectionsAwaitingReview: try row.required("awaiting_review"),
            lastSequence: try row.required("last_sequence")
        )
    }
}
