import Foundation
import WaymarkCertificates

/// Certificates, the change to one applied in its event's transaction, and the counts of
/// lookups, written once for both stores.
enum CertificateSQL {
    static func byCode(_ code: String) -> SQLStatement { "SELECT * FROM certificates WHERE code = \(code)" }

    /// Locked until the transaction ends, so two servers cannot change it at once.
    static func lockedByCode(_ code: String) -> SQLStatement { "SELECT * FROM certificates WHERE code = \(code)\(.forUpdate)" }

    static func byTrainee(_ traineeID: String) -> SQLStatement {
        "SELECT * FROM certificates WHERE trainee_id = \(traineeID) ORDER BY issued_at, code\(.binaryOrder)"
    }

    /// Newest first; every programme's when `programmeID` is nil.
    static func byProgramme(_ programmeID: String?) -> SQLStatement {
        let filter: SQLStatement = programmeID.map { "WHERE programme_id = \($0)" } ?? ""
        return "SELECT * FROM certificates \(filter) ORDER BY issued_at DESC, code\(.binaryOrder)"
    }

    static func holderName(traineeID: String) -> SQLStatement { "SELECT name FROM people WHERE id = \(traineeID)" }

    /// Returns a row when the certificate is written, none when its code is taken.
    static func insert(
        code: String,
        slot: StatusListSlot,
        traineeID: String,
        programmeID: String,
        version: String,
        holderName: String,
        achievement: CertifiedAchievement,
        issuedAt: Date,
        validUntil: Date?
    ) -> SQLStatement {
        """
        INSERT INTO certificates (code, trainee_id, programme_id, programme_version, holder_name, title, description,
            criteria, issued_at, valid_until, state, status_list, status_index)
        VALUES (\(code), \(traineeID), \(programmeID), \(version), \(holderName), \(achievement.title), \(achievement.description),
            \(achievement.criteria), \(issuedAt), \(validUntil), \(CertificateState.active.rawValue), \(slot.list), \(slot.index))
        ON CONFLICT (code) DO NOTHING RETURNING 1
        """
    }

    static func supersede(_ previousCode: String, by code: String, at: Date) -> SQLStatement {
        "UPDATE certificates SET superseded_by = \(code), superseded_at = \(at) WHERE code = \(previousCode)"
    }

    static func setState(code: String, _ state: CertificateState, reason: String?, at: Date) -> SQLStatement {
        "UPDATE certificates SET state = \(state.rawValue), state_reason = \(reason), state_changed_at = \(at) WHERE code = \(code)"
    }

    // MARK: Status list slots

    static let lastStatusList: SQLStatement = "SELECT MAX(status_list) AS list FROM certificates"

    static func usedIndexes(statusList: Int) -> SQLStatement { "SELECT status_index FROM certificates WHERE status_list = \(statusList)" }

    /// A row for both purposes of a list, when it has none yet.
    static func addLists(_ list: Int) -> SQLStatement {
        """
        INSERT INTO status_lists (list, purpose, version) VALUES (\(list), 'revocation', 1), (\(list), 'suspension', 1)
        ON CONFLICT (list, purpose) DO NOTHING
        """
    }

    /// Counts up the version of both lists the certificate with this code is in: its bits changed.
    static func bumpListVersions(code: String) -> SQLStatement {
        "UPDATE status_lists SET version = version + 1 WHERE list = (SELECT status_list FROM certificates WHERE code = \(code))"
    }

    static func certificate(_ row: any SQLRow) throws -> CertificateRecord {
        CertificateRecord(
            code: try row.required("code"),
            traineeID: try row.required("trainee_id"),
            programmeID: try row.required("programme_id"),
            programmeVersion: try row.required("programme_version"),
            holderName: try row.required("holder_name"),
            title: try row.required("title"),
            description: try row.required("description"),
            criteria: try row.required("criteria"),
            issuedAt: try row.optionalDate("issued_at") ?? Date(timeIntervalSince1970: 0),
            validUntil: try row.optionalDate("valid_until"),
            // An unknown state is read as revoked: a certificate the code cannot read is never shown as valid.
            state: CertificateState(rawValue: try row.required("state")) ?? .revoked,
            stateReason: try row.optional("state_reason"),
            stateChangedAt: try row.optionalDate("state_changed_at"),
            supersededBy: try row.optional("superseded_by"),
            supersededAt: try row.optionalDate("superseded_at"),
            statusSlot: try row.optional("status_list", as: Int.self).flatMap { list in
                try row.optional("status_index", as: Int.self).map { StatusListSlot(list: list, index: $0) }
            }
        )
    }

    // MARK: Lookups

    /// One statement, so lookups on any number of servers at once are each counted.
    static func recordLookup(code: String, via channel: LookupChannel, at: Date) -> SQLStatement {
        """
        INSERT INTO certificate_lookup_days AS d (code, day, via, count) VALUES (\(code), \(LookupDay.day(of: at)), \(channel.rawValue), 1)
        ON CONFLICT (code, day, via) DO UPDATE SET count = d.count + 1
        """
    }

    static func lookupCount(code: String) -> SQLStatement {
        "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS n, MAX(day) AS last FROM certificate_lookup_days WHERE code = \(code)"
    }

    static func lookupDays(code: String, limit: Int) -> SQLStatement {
        """
        SELECT day,
            CAST(SUM(CASE WHEN via = 'page' THEN count ELSE 0 END) AS BIGINT) AS page,
            CAST(SUM(CASE WHEN via = 'credential' THEN count ELSE 0 END) AS BIGINT) AS credential,
            CAST(SUM(CASE WHEN via = 'status' THEN count ELSE 0 END) AS BIGINT) AS status
        FROM certificate_lookup_days WHERE code = \(code) GROUP BY day ORDER BY day DESC LIMIT \(max(0, limit))
        """
    }

    static func lookupDay(_ row: any SQLRow) throws -> LookupDay {
        LookupDay(day: try row.required("day"), page: try row.required("page"), credential: try row.required("credential"), status: try row.required("status"))
    }

    static func forgetLookupWindows(before windowStart: Double) -> SQLStatement { "DELETE FROM lookup_limits WHERE window_start < \(windowStart)" }

    /// Counts one lookup from an address in its window, and returns the count so far.
    static func countLookup(address: String, windowStart: Double) -> SQLStatement {
        """
        INSERT INTO lookup_limits AS l (address, window_start, count) VALUES (\(address), \(windowStart), 1)
        ON CONFLICT (address) DO UPDATE SET count = l.count + 1
        RETURNING count
        """
    }
}
