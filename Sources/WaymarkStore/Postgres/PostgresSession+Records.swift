import WaymarkProgress

extension PostgresSession {
    func enrolments(traineeID: String) async throws -> [Enrolment] {
        try await fetchRows(RecordSQL.enrolments(traineeID: traineeID)).map(RecordSQL.enrolment)
    }
}
