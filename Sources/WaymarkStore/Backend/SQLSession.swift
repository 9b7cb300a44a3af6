import WaymarkProgress

/// One connection's statements, called the same way on both databases: every store operation is
/// written once against this. Inside `SQLBackend.write` they are all one transaction.
protocol SQLSession {
    /// Runs a statement for its effect. Counting the rows it changed needs `RETURNING` (SQLite
    /// counts changes, PostgreSQL counts the rows that come back: with `RETURNING` they agree).
    @discardableResult
    func perform(_ statement: SQLStatement) async throws -> Int
    func fetchRows(_ statement: SQLStatement) async throws -> [any SQLRow]
    func fetchFirstRow(_ statement: SQLStatement) async throws -> (any SQLRow)?
    /// Runs a statement that is made many times with new values (the writes every answer makes):
    /// SQLite keeps it prepared on the connection.
    func performPrepared(_ statement: SQLStatement) async throws
    /// A trainee's events on a programme in sequence order, read by each database's own reader
    /// (`EventScanner`, or PostgreSQL's rows by position); without answers unless `answers`.
    func events(traineeID: String, programmeID: String, answers: Bool) async throws -> [TraineeEvent]

    // MARK: - Records

    /// A trainee's enrolments in the order they enrolled (`RecordSQL.enrolments`), read on every
    /// trainee's page: SQLite reads them by position (`ColumnReader`).
    func enrolments(traineeID: String) async throws -> [Enrolment]
}

extension SQLSession {
    /// Adds an audit entry in the session's transaction: every change to a sensitive record is
    /// audited with the change, or neither happens.
    func insertAudit(_ entry: AuditEntry) async throws {
        try await perform(VettingSQL.insertAudit(entry))
    }
}
