import PostgresNIO
import WaymarkProgress

/// What PostgreSQL does its own way for the record, certificates and the outbox (see `SQLBackend`).
extension PostgresStore {
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
}
