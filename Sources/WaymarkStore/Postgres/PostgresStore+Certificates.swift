import Foundation
import PostgresNIO
import WaymarkCertificates
import WaymarkProgress

extension PostgresStore: CertificateStore {
    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws {
        // The change happens with, and at the time of, the event that records it (see `OutboxStore.append`).
        guard !events.isEmpty else { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await append(events, summary: summary, certificate: change, mail: [])
    }

    func apply(
        _ change: CertificateChange,
        _ connection: PostgresConnection,
        traineeID: String,
        programmeID: String,
        programmeVersion: String,
        at: Date
    ) async throws {
        var checked: (state: CertificateState, reason: String?)?
        if let code = change.existingCode {
            // Locked until the transaction ends, so two servers cannot change it at once.
            guard let row = try await connection.rows("SELECT * FROM certificates WHERE code = \(code) FOR UPDATE", logger: logger).first else {
                throw StoreError.notFound("Certificate \(code)")
            }
            checked = try change.check(Self.certificate(row), traineeID: traineeID, programmeID: programmeID)
        }
        switch change {
        case .issue(let code, let achievement, let validUntil), .renew(_, let code, let achievement, let validUntil):
            try await insertCertificate(
                connection,
                code: code,
                slot: try await newStatusSlot(connection),
                traineeID: traineeID,
                programmeID: programmeID,
                version: programmeVersion,
                achievement: achievement,
                issuedAt: at,
                validUntil: validUntil
            )
            if case .renew(let previousCode, _, _, _) = change {
                try await connection.run(
                    "UPDATE certificates SET superseded_by = \(code), superseded_at = \(at.timeIntervalSince1970) WHERE code = \(previousCode)",
                    logger: logger
                )
            }
        case .suspend(let code, _), .reinstate(let code), .revoke(let code, _):
            guard let checked else { return }
            try await connection.run(
                """
                UPDATE certificates SET state = \(checked.state.rawValue), state_reason = \(checked.reason),
                    state_changed_at = \(at.timeIntervalSince1970)
                WHERE code = \(code)
                """,
                logger: logger
            )
            // Its bits change: both lists it is in are due to be built again.
            try await connection.run(PostgresQuery(unsafeSQL: StatusListSQL.bumpVersion, binds: Self.binds(code)), logger: logger)
        }
    }

    /// A free slot for a new certificate, and the rows of its lists. Two servers may choose the
    /// same free bit at once: the unique index refuses the second, which is then a conflict that
    /// `TraineeRecords` retries, choosing again.
    private func newStatusSlot(_ connection: PostgresConnection) async throws -> StatusListSlot {
        let current = try await connection.rows("SELECT MAX(status_list) AS list FROM certificates", logger: logger).first?.value("list", as: Int.self)
        var used: Set<Int> = []
        if let current {
            for row in try await connection.rows("SELECT status_index FROM certificates WHERE status_list = \(current)", logger: logger) {
                used.insert(try row.required("status_index", as: Int.self))
            }
        }
        let slot = StatusListSlot.next(currentList: current, usedInCurrent: used)
        try await connection.run(PostgresQuery(unsafeSQL: StatusListSQL.addLists, binds: Self.binds(slot.list, slot.list)), logger: logger)
        return slot
    }

    private func insertCertificate(
        _ connection: PostgresConnection,
        code: String,
        slot: StatusListSlot,
        traineeID: String,
        programmeID: String,
        version: String,
        achievement: CertifiedAchievement,
        issuedAt: Date,
        validUntil: Date?
    ) async throws {
        guard let holder = try await connection.rows("SELECT name FROM people WHERE id = \(traineeID)", logger: logger).first else {
            throw StoreError.notFound("The trainee")
        }
        let holderName: String = try holder.required("name")
        let inserted = try await connection.run(
            """
            INSERT INTO certificates (code, trainee_id, programme_id, programme_version, holder_name, title, description,
                criteria, issued_at, valid_until, state, status_list, status_index)
            VALUES (\(code), \(traineeID), \(programmeID), \(version), \(holderName), \(achievement.title), \(achievement.description),
                \(achievement.criteria), \(issuedAt.timeIntervalSince1970), \(validUntil?.timeIntervalSince1970), \(CertificateState.active.rawValue),
                \(slot.list), \(slot.index))
            ON CONFLICT (code) DO NOTHING RETURNING 1
            """,
            logger: logger
        )
        guard inserted == 1 else { throw StoreError.refused("A certificate with the code \(code) exists already.") }
    }

    static func certificate(_ row: PostgresRandomAccessRow) throws -> CertificateRecord {
        CertificateRecord(
            code: try row.required("code"),
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            programmeVersion: try row.required("programme_version"),
            holderName: try row.required("holder_name"),
            title: try row.required("title"),
            description: try row.required("description"),
            criteria: try row.required("criteria"),
            issuedAt: try row.date("issued_at") ?? Date(timeIntervalSince1970: 0),
            validUntil: try row.date("valid_until"),
            // An unknown state is read as revoked: a certificate the code cannot read is never shown as valid.
            state: CertificateState(rawValue: try row.required("state")) ?? .revoked,
            stateReason: try row.value("state_reason"),
            stateChangedAt: try row.date("state_changed_at"),
            supersededBy: try row.value("superseded_by"),
            supersededAt: try row.date("superseded_at"),
            statusSlot: try row.value("status_list", as: Int.self).flatMap { list in
                try row.value("status_index", as: Int.self).map { StatusListSlot(list: list, index: $0) }
            }
        )
    }

    public func certificate(code: String) async throws -> CertificateRecord? {
        try await read { [self] connection in
            try await connection.rows("SELECT * FROM certificates WHERE code = \(code)", logger: logger).first.map(Self.certificate)
        }
    }

    public func certificates(traineeID: String) async throws -> [CertificateRecord] {
        try await read { [self] connection in
            try await connection.rows(
                "SELECT * FROM certificates WHERE trainee_id = \(traineeID) ORDER BY issued_at, code COLLATE \"C\"",
                logger: logger
            ).map(Self.certificate)
        }
    }

    public func certificates(programmeID: String?) async throws -> [CertificateRecord] {
        try await read { [self] connection in
            try await connection.rows(
                """
                SELECT * FROM certificates WHERE (\(programmeID)::TEXT IS NULL OR programme_id = \(programmeID))
                ORDER BY issued_at DESC, code COLLATE "C"
                """,
                logger: logger
            ).map(Self.certificate)
        }
    }

    public func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws {
        try await write { [self] connection in
            // One statement, so lookups on any number of servers at once are each counted.
            try await connection.run(
                """
                INSERT INTO certificate_lookup_days AS d (code, day, via, count) VALUES (\(code), \(LookupDay.day(of: at)), \(channel.rawValue), 1)
                ON CONFLICT (code, day, via) DO UPDATE SET count = d.count + 1
                """,
                logger: logger
            )
        }
    }

    public func lookupCount(code: String) async throws -> LookupCount {
        try await read { [self] connection in
            let row = try await connection.rows(
                "SELECT COALESCE(SUM(count), 0)::BIGINT AS n, MAX(day) AS last FROM certificate_lookup_days WHERE code = \(code)",
                logger: logger
            ).first
            return LookupCount(count: try row?.value("n", as: Int.self) ?? 0, lastDay: try row?.value("last", as: String.self))
        }
    }

    public func lookupDays(code: String, limit: Int) async throws -> [LookupDay] {
        try await read { [self] connection in
            try await connection.rows(
                """
                SELECT day,
                    SUM(CASE WHEN via = 'page' THEN count ELSE 0 END)::BIGINT AS page,
                    SUM(CASE WHEN via = 'credential' THEN count ELSE 0 END)::BIGINT AS credential,
                    SUM(CASE WHEN via = 'status' THEN count ELSE 0 END)::BIGINT AS status
                FROM certificate_lookup_days WHERE code = \(code) GROUP BY day ORDER BY day DESC LIMIT \(max(0, limit))
                """,
                logger: logger
            ).map { row in
                LookupDay(
                    day: try row.required("day"),
                    page: try row.required("page"),
                    credential: try row.required("credential"),
                    status: try row.required("status")
                )
            }
        }
    }

    public func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool {
        let windowStart = (at.timeIntervalSince1970 / window).rounded(.down) * window
        return try await write { [self] connection in
            try await connection.run("DELETE FROM lookup_limits WHERE window_start < \(windowStart)", logger: logger)
            let count =
                try await connection.rows(
                    """
                    INSERT INTO lookup_limits AS l (address, window_start, count) VALUES (\(address), \(windowStart), 1)
                    ON CONFLICT (address) DO UPDATE SET count = l.count + 1
                    RETURNING count
                    """,
                    logger: logger
                ).first?.value("count", as: Int.self) ?? 0
            return count <= limit
        }
    }
}
