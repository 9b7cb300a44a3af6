import Foundation
import GRDB
import WaymarkCertificates
import WaymarkProgress

extension SQLiteStore: CertificateStore {
    public func append(_ events: [TraineeEvent], summary: TraineeSummary, certificate change: CertificateChange) async throws {
        // The change happens with, and at the time of, the event that records it (see `OutboxStore.append`).
        guard !events.isEmpty else { throw StoreError.refused("A change to a certificate is written with the event that records it.") }
        try await append(events, summary: summary, certificate: change, mail: [])
    }

    static func apply(
        _ change: CertificateChange,
        _ db: Database,
        traineeID: String,
        programmeID: String,
        programmeVersion: String,
        at: Date
    ) throws {
        var checked: (state: CertificateState, reason: String?)?
        if let code = change.existingCode {
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM certificates WHERE code = ?", arguments: [code]) else {
                throw StoreError.notFound("Certificate \(code)")
            }
            checked = try change.check(Self.certificate(row), traineeID: traineeID, programmeID: programmeID)
        }
        switch change {
        case .issue(let code, let achievement, let validUntil), .renew(_, let code, let achievement, let validUntil):
            try insertCertificate(
                db,
                code: code,
                slot: try newStatusSlot(db),
                traineeID: traineeID,
                programmeID: programmeID,
                version: programmeVersion,
                achievement: achievement,
                issuedAt: at,
                validUntil: validUntil
            )
            if case .renew(let previousCode, _, _, _) = change {
                try db.execute(
                    sql: "UPDATE certificates SET superseded_by = ?, superseded_at = ? WHERE code = ?",
                    arguments: [code, at.timeIntervalSince1970, previousCode]
                )
            }
        case .suspend(let code, _), .reinstate(let code), .revoke(let code, _):
            guard let checked else { return }
            try db.execute(
                sql: "UPDATE certificates SET state = ?, state_reason = ?, state_changed_at = ? WHERE code = ?",
                arguments: [checked.state.rawValue, checked.reason, at.timeIntervalSince1970, code]
            )
            // Its bits change: both lists it is in are due to be built again.
            try db.execute(sql: StatusListSQL.bumpVersion, arguments: [code])
        }
    }

    /// A free slot for a new certificate, and the rows of its lists.
    private static func newStatusSlot(_ db: Database) throws -> StatusListSlot {
        let current = try Int.fetchOne(db, sql: "SELECT MAX(status_list) FROM certificates")
        let used = try current.map { try Set(Int.fetchAll(db, sql: "SELECT status_index FROM certificates WHERE status_list = ?", arguments: [$0])) }
        let slot = StatusListSlot.next(currentList: current, usedInCurrent: used ?? [])
        try db.execute(sql: StatusListSQL.addLists, arguments: [slot.list, slot.list])
        return slot
    }

    private static func insertCertificate(
        _ db: Database,
        code: String,
        slot: StatusListSlot,
        traineeID: String,
        programmeID: String,
        version: String,
        achievement: CertifiedAchievement,
        issuedAt: Date,
        validUntil: Date?
    ) throws {
        guard let holderName = try String.fetchOne(db, sql: "SELECT name FROM people WHERE id = ?", arguments: [traineeID]) else {
            throw StoreError.notFound("The trainee")
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM certificates WHERE code = ?", arguments: [code]) != true else {
            throw StoreError.refused("A certificate with the code \(code) exists already.")
        }
        try db.execute(
            sql: """
                INSERT INTO certificates (code, trainee_id, programme_id, programme_version, holder_name, title, description,
                    criteria, issued_at, valid_until, state, status_list, status_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                code, traineeID, programmeID, version, holderName, achievement.title, achievement.description, achievement.criteria,
                issuedAt.timeIntervalSince1970, validUntil?.timeIntervalSince1970, CertificateState.active.rawValue, slot.list, slot.index,
            ]
        )
    }

    static func certificate(_ row: Row) -> CertificateRecord {
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        return CertificateRecord(
            code: row["code"],
            traineeID: row["trainee_id"],
            programmeID: row["programme_id"],
            programmeVersion: row["programme_version"],
            holderName: row["holder_name"],
            title: row["title"],
            description: row["description"],
            criteria: row["criteria"],
            issuedAt: date("issued_at") ?? Date(timeIntervalSince1970: 0),
            validUntil: date("valid_until"),
            // An unknown state is read as revoked: a certificate the code cannot read is never shown as valid.
            state: CertificateState(rawValue: row["state"]) ?? .revoked,
            stateReason: row["state_reason"],
            stateChangedAt: date("state_changed_at"),
            supersededBy: row["superseded_by"],
            supersededAt: date("superseded_at"),
            statusSlot: (row["status_list"] as Int?).flatMap { list in (row["status_index"] as Int?).map { StatusListSlot(list: list, index: $0) } }
        )
    }

    public func certificate(code: String) async throws -> CertificateRecord? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM certificates WHERE code = ?", arguments: [code]).map(Self.certificate)
        }
    }

    public func certificates(traineeID: String) async throws -> [CertificateRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM certificates WHERE trainee_id = ? ORDER BY issued_at, code", arguments: [traineeID])
                .map(Self.certificate)
        }
    }

    public func certificates(programmeID: String?) async throws -> [CertificateRecord] {
        try await read { db in
            if let programmeID {
                return try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM certificates WHERE programme_id = ? ORDER BY issued_at DESC, code",
                    arguments: [programmeID]
                ).map(Self.certificate)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM certificates ORDER BY issued_at DESC, code").map(Self.certificate)
        }
    }

    public func recordLookup(code: String, via channel: LookupChannel, at: Date) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO certificate_lookup_days (code, day, via, count) VALUES (?, ?, ?, 1)
                    ON CONFLICT (code, day, via) DO UPDATE SET count = count + 1
                    """,
                arguments: [code, LookupDay.day(of: at), channel.rawValue]
            )
        }
    }

    public func lookupCount(code: String) async throws -> LookupCount {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT COALESCE(SUM(count), 0) AS n, MAX(day) AS last FROM certificate_lookup_days WHERE code = ?",
                arguments: [code]
            )
            return LookupCount(count: row?["n"] ?? 0, lastDay: row?["last"])
        }
    }

    public func lookupDays(code: String, limit: Int) async throws -> [LookupDay] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT day,
                        SUM(CASE WHEN via = 'page' THEN count ELSE 0 END) AS page,
                        SUM(CASE WHEN via = 'credential' THEN count ELSE 0 END) AS credential,
                        SUM(CASE WHEN via = 'status' THEN count ELSE 0 END) AS status
                    FROM certificate_lookup_days WHERE code = ? GROUP BY day ORDER BY day DESC LIMIT ?
                    """,
                arguments: [code, max(0, limit)]
            ).map { row in
                LookupDay(day: row["day"] ?? "", page: row["page"] ?? 0, credential: row["credential"] ?? 0, status: row["status"] ?? 0)
            }
        }
    }

    public func allowLookup(address: String, at: Date, limit: Int, window: TimeInterval) async throws -> Bool {
        let windowStart = (at.timeIntervalSince1970 / window).rounded(.down) * window
        return try await write { db in
            try db.execute(sql: "DELETE FROM lookup_limits WHERE window_start < ?", arguments: [windowStart])
            try db.execute(
                sql: """
                    INSERT INTO lookup_limits (address, window_start, count) VALUES (?, ?, 1)
                    ON CONFLICT (address) DO UPDATE SET count = count + 1
                    """,
                arguments: [address, windowStart]
            )
            let count = try Int.fetchOne(db, sql: "SELECT count FROM lookup_limits WHERE address = ?", arguments: [address]) ?? 0
            return count <= limit
        }
    }
}
