import PostgresNIO
import WaymarkProgress

/// What PostgreSQL does its own way for the record, certificates and the outbox (see `SQLBackend`).
extension PostgresStore {
    /// On one connection, through the session's readers.
    func traineeRecords(traineeID: String, answers: Bool) async throws -> [(enrolment: Enrolment, events: [TraineeEvent])] {
        try await read { db in
            var records: [(enrolment: Enrolment, events: [TraineeEvent])] = []
            for enrolment in try await db.enrolments(traineeID: traineeID) {
                records.append((enrolment, try await db.events(traineeID: traineeID, programmeID: enrolment.programmeID, answers: answers)))
            }
            return records
        }
    }

    /// The rows stream in and are read by position as they come, a trainee at a time, so a whole
    /// cohort is never held at once.
    func forEachTraineeEvents(programmeID: String, _ body: @escaping @Sendable (String, [TraineeEvent]) throws -> Void) async throws {
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

    /// Nothing: the old row versions an erasure leaves are PostgreSQL's own to reclaim
    /// (autovacuum), and the server's files are its administrator's, not Waymark's.
    func compact() async throws {}

    /// Two servers writing reminders at once wait here for each other, so the second sees the
    /// first one's message: unlike SQLite, PostgreSQL lets two writers run side by side.
    func holdMailLock(kind: OutboxKind, personID: String, in db: any SQLSession) async throws {
        let lock = Self.lockNumber("outbox:\(kind.rawValue):\(personID)")
        try await db.perform("SELECT pg_advisory_xact_lock(\(Int(lock)))")
    }

    /// A stable number for an advisory lock (FNV-1a, as the migration lock), the same on every server.
    static func lockNumber(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}
