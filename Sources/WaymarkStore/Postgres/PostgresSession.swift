import Logging
import PostgresNIO
import WaymarkProgress

/// Statements on one PostgreSQL connection: in a transaction inside `PostgresStore.write`.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger

    @discardableResult
    func perform(_ statement: SQLStatement) async throws -> Int {
        try await connection.perform(statement, logger: logger)
    }

    func fetchRows(_ statement: SQLStatement) async throws -> [any SQLRow] {
        try await connection.fetchRows(statement, logger: logger)
    }

    func fetchFirstRow(_ statement: SQLStatement) async throws -> (any SQLRow)? {
        try await connection.fetchFirstRow(statement, logger: logger)
    }

    /// PostgresNIO prepares each statement as it goes; there is nothing to keep.
    func performPrepared(_ statement: SQLStatement) async throws {
        try await connection.perform(statement, logger: logger)
    }

    func events(traineeID: String, programmeID: String, answers: Bool) async throws -> [TraineeEvent] {
        let query = RecordSQL.events(traineeID: traineeID, programmeID: programmeID, answers: answers)
        return try await PostgresStore.events(connection, query, answers: answers, logger: logger)
    }
}
