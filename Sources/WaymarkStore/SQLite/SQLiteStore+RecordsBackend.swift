import GRDB
import WaymarkProgress

/// What SQLite does its own way for the record, certificates and the outbox (see `SQLBackend`).
extension SQLiteStore {
    /// One synchronous access on a quick reader: the enrolments by position (`ColumnReader`),
    /// then each one's events (`EventScanner`).
    func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try quickRead { db in
            try SQLiteSession.enrolments(db, traineeID: traineeID).map { enrolment in
                (enrolment, try Self.events(db, traineeID: traineeID, programmeID: enrolment.programmeID, answers: answers))
            }
        }
    }

    /// On GRDB's async reader, not `QuickReaders`: a whole cohort is a long read, and it must not
    /// hold a thread that serves pages. `EventScanner` reads the rows as they are stepped.
    func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
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

    /// After an erasure: an UPDATE leaves the old text in the file's free space, and the
    /// write-ahead log keeps copies of the pages it changed. VACUUM rewrites the file without
    /// them, and a TRUNCATE checkpoint copies the log into the file and empties it. It holds
    /// `writeLock`: a transaction of `write` stays open on the writer between its statements, and
    /// VACUUM cannot run inside one.
    func compact() async throws {
        do {
            try await writeLock.withLock {
                try await pool.writeWithoutTransaction { db in
                    try db.execute(sql: "VACUUM")
                    try db.checkpoint(.truncate)
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.unavailable("the record is erased, but the database file still holds old copies until it is compacted: \(error)")
        }
    }

    /// Nothing to wait for: a write holds SQLite's one write lock from its BEGIN IMMEDIATE, so no
    /// other transaction is between the check and the insert. (A `SQLWord` would not do: SQLite
    /// would still run a statement for nothing before every reminder.)
    func holdMailLock(kind: OutboxKind, personID: String, in db: any SQLSession) async throws {}
}
