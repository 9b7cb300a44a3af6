import Foundation
import GRDB
import WaymarkProgress

/// One trainee's rows, read by position on SQLite: what every trainee's page reads.
extension SQLiteSession {
    /// By position (`ColumnReader`): GRDB's `Row` copies each row and finds columns by name.
    func enrolments(traineeID: String) async throws -> [Enrolment] {
        try access { db in try Self.enrolments(db, traineeID: traineeID) }
    }

    static func enrolments(_ db: Database, traineeID: String) throws -> [Enrolment] {
        let query = RecordSQL.enrolments(traineeID: traineeID)
        return try ColumnReader.all(db.cachedStatement(sql: SQLDialect.sqlite.sql(query)), query.sqliteArguments) { row in
            Enrolment(
                traineeID: row.text(0) ?? traineeID,
                programmeID: row.text(1) ?? "",
                supervisorID: row.text(2),
                enrolledAt: Date(timeIntervalSince1970: row.double(3))
            )
        }
    }
}

extension SQLiteStore {
    // Rendered once (the text does not depend on the values): every page reads a trainee's
    // events, and rendering the SQL cost more than running it.
    private static let traineeEventsSQL = SQLDialect.sqlite.sql(RecordSQL.events(traineeID: "", programmeID: "", answers: true))
    private static let traineeEventsWithoutAnswersSQL = SQLDialect.sqlite.sql(RecordSQL.events(traineeID: "", programmeID: "", answers: false))

    static func events(_ db: Database, traineeID: String, programmeID: String, answers: Bool) throws -> [TraineeEvent] {
        let statement = try db.cachedStatement(sql: answers ? traineeEventsSQL : traineeEventsWithoutAnswersSQL)
        try statement.setArguments(RecordSQL.events(traineeID: traineeID, programmeID: programmeID, answers: answers).sqliteArguments)
        var scanner = EventScanner(statement, answers: answers)
        var events: [TraineeEvent] = []
        while let event = try scanner.next() { events.append(event) }
        return events
    }
}
