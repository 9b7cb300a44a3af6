import Foundation
import PostgresNIO
import WaymarkProgress

/// Events read from PostgreSQL's rows by position (a trainee's page, a whole cohort).
extension PostgresStore {
    /// The events a `RecordSQL.events` statement reads, as they stream in.
    static func events(_ connection: PostgresConnection, _ query: SQLStatement, answers: Bool, logger: Logger) async throws -> [TraineeEvent] {
        var events: [TraineeEvent] = []
        var strings = StringReuse()
        for try await row in try await connection.query(query.postgresQuery, logger: logger) {
            if let event = try Self.event(row, answers: answers, strings: &strings) { events.append(event) }
        }
        return events
    }

    /// An event from a row of `RecordSQL.eventColumns`, read by position as it streams in (a whole
    /// cohort's rows pass through here); nil for a kind this version does not know.
    static func event(_ row: PostgresRow, answers: Bool, strings: inout StringReuse) throws -> TraineeEvent? {
        let (traineeID, programmeID, sequence, version, actorID, at, reason, kindName) = try row.decode(
            (String, String, Int, String, String, Double, String?, String).self
        )
        guard let tag = EventKindTag(name: kindName) else { return nil }
        var cells = row.makeIterator()
        for _ in 0..<8 { _ = cells.next() }
        func next<T: PostgresDecodable>(_ type: T.Type) throws -> T? where T._DecodableType == T {
            guard let cell = cells.next() else { return nil }
            return try cell.decode(T?.self)
        }
        let subject = try next(String.self)
        let outcome = try next(String.self)
        let amount = try next(Double.self)
        let onDate = try next(Double.self).map(Date.init(timeIntervalSince1970:))
        let body = try next(String.self)
        let detail = try next(String.self)
        let answersJSON = answers ? try next(String.self) : nil
        guard
            let kind = try EventKind.read(
                tag,
                subject: subject,
                outcome: outcome,
                amount: amount,
                onDate: onDate,
                body: { body },
                attempt: {
                    guard var detail else { return nil }
                    let scores = detail.withUTF8 { bytes in
                        AttemptScores.decode(bytes, assessmentID: subject ?? "", moduleID: body ?? "", strings: &strings)
                    }
                    guard var attempt = scores else { return nil }
                    if let answersJSON {
                        attempt.answers = try EventColumns.answers(Data(answersJSON.utf8))
                    }
                    return attempt
                }
            )
        else { return nil }
        return TraineeEvent(
            sequence: sequence,
            traineeID: traineeID,
            programmeID: programmeID,
            programmeVersion: version,
            actorID: actorID,
            at: Date(timeIntervalSince1970: at),
            reason: reason,
            kind: kind
        )
    }
}
