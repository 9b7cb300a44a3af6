import Foundation
import GRDB
import WaymarkProgress

extension SQLiteStore: RecordStore {
    public func enrol(_ enrolment: Enrolment) async throws -> Enrolment {
        try await writeDatabase { db in
            guard try db.fetchFirstRow(RecordSQL.personExists(enrolment.traineeID)) != nil else { throw StoreError.notFound("The trainee") }
            try db.perform(RecordSQL.enrol(enrolment))
            return enrolment
        }
    }

    public func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await readDatabase { db in try db.fetchRows(RecordSQL.enrolments(traineeID: traineeID)).map(RecordSQL.enrolment) }
    }

    /// A trainee's page reads this on every visit: on the caller's thread (`QuickReaders`), its
    /// enrolments' columns by position (`ColumnReader`) and its events by `EventScanner`.
    public func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try quickRead { db in
            let query = RecordSQL.enrolments(traineeID: traineeID)
            let enrolments = try ColumnReader.all(db.cachedStatement(sql: SQLDialect.sqlite.sql(query)), query.sqliteArguments) { row in
                Enrolment(
                    traineeID: row.text(0) ?? traineeID,
                    programmeID: row.text(1) ?? "",
                    supervisorID: row.text(2),
                    enrolledAt: Date(timeIntervalSince1970: row.double(3))
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

    public func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
        try await readDatabase { db in
            let query = RecordSQL.cohortEvents(programmeID: programmeID)
            let statement = try db.makeStatement(sql: SQLDialect.sqlite.sql(query))
            try statement.setArguments(query.sqliteArguments)
            var scanner = EventScanner(statement, answers: false)
            var grouping = EventsByTrainee(body)
            while let event = try scanner.next() { try grouping.add(event) }
            try grouping.finish()
        }
    }

    public func append(_ events: [TraineeEvent], summary: TraineeSummary) async throws {
        let rows = try events.map { ($0, try EventColumns($0.kind)) }
        try await writeDatabase { db in
            try Self.insertEvents(db, rows)
            try Self.saveSummary(db, summary)
        }
    }

    static func insertEvents(_ db: Database, _ rows: [(TraineeEvent, EventColumns)]) throws {
        for (event, columns) in rows { try db.performPrepared(RecordSQL.insertEvent(event, columns)) }
    }

    static func saveSummary(_ db: Database, _ summary: TraineeSummary) throws {
        try db.performPrepared(RecordSQL.saveSummary(summary))
    }

    public func programmesWithTrainees() async throws -> [String] {
        try await readDatabase { db in try db.fetchRows(RecordSQL.programmesWithTrainees).map { try $0.required("programme_id") } }
    }

    public func summaries(programmeID: String, stage: Stage?, offset: Int, limit: Int) async throws -> SummaryPage {
        try await readDatabase { db in
            let total = try db.fetchFirstRow(RecordSQL.summaryCount(programmeID: programmeID, stage: stage))?.required("n", as: Int.self) ?? 0
            let rows = try db.fetchRows(RecordSQL.summaries(programmeID: programmeID, stage: stage, offset: offset, limit: limit))
            return SummaryPage(summaries: try rows.map(RecordSQL.summary), total: total)
        }
    }

    public func erasePersonalData(personID: String, by actorID: String, at: Date) async throws {
        try await writeDatabase { db in
            guard let person = try db.fetchFirstRow(Erasure.person(personID)).map(PeopleSQL.person) else { throw StoreError.notFound("The person") }
            let otherAdmins = try db.fetchRows(Erasure.otherActiveAdmins(personID: personID)).count
            if let refusal = Erasure.refusal(of: person, by: actorID, otherActiveAdmins: otherAdmins) { throw StoreError.refused(refusal) }
            for statement in Erasure.statements(personID: personID, at: at) { try db.perform(statement) }
            for enrolment in try db.fetchRows(Erasure.enrolments(personID: personID)) {
                for statement in try Erasure.recordErasure(enrolment, personID: personID, by: actorID, at: at) { try db.perform(statement) }
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

extension Database {
    /// Runs a statement through the connection's cache of prepared statements: for the writes
    /// every answer makes, where preparing the statement again each time showed in profiles.
    func performPrepared(_ statement: SQLStatement) throws {
        try cachedStatement(sql: SQLDialect.sqlite.sql(statement)).execute(arguments: statement.sqliteArguments)
    }
}
