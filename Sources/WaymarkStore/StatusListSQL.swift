import Foundation
import WaymarkCertificates

/// SQL about the status lists, written once for both stores.
enum StatusListSQL {
    /// A row for both purposes of every list a certificate has a bit in (after the migration
    /// gives every certificate its slot).
    static let backfillLists = """
        INSERT INTO status_lists (list, purpose, version)
        SELECT DISTINCT c.status_list, p.purpose, 1 FROM certificates AS c
        CROSS JOIN (SELECT 'revocation' AS purpose UNION ALL SELECT 'suspension') AS p
        WHERE c.status_list IS NOT NULL
        """

    static let all: SQLStatement = "SELECT * FROM status_lists ORDER BY list, purpose\(.binaryOrder)"

    static func one(_ list: Int, purpose: StatusPurpose) -> SQLStatement {
        "SELECT * FROM status_lists WHERE list = \(list) AND purpose = \(purpose.rawValue)"
    }

    static func version(_ list: Int, purpose: StatusPurpose) -> SQLStatement {
        "SELECT version FROM status_lists WHERE list = \(list) AND purpose = \(purpose.rawValue)"
    }

    /// The bits set in a list: the certificates in it whose state the purpose counts.
    static func setIndexes(_ list: Int, purpose: StatusPurpose) -> SQLStatement {
        """
        SELECT CAST(status_index AS BIGINT) AS status_index FROM certificates
        WHERE status_list = \(list) AND state IN \(list: purpose.states.map(\.rawValue)) ORDER BY status_index
        """
    }

    /// Keeps a signed list built from a version at a time for an issuer, unless the one kept
    /// names the same issuer and was built from a later version, or from the same one later.
    static func saveBuilt(_ list: Int, purpose: StatusPurpose, built: StoredStatusList.Built) -> SQLStatement {
        """
        UPDATE status_lists SET jwt = \(built.jwt), built_version = \(built.version), built_at = \(built.at), built_for = \(built.issuerID)
        WHERE list = \(list) AND purpose = \(purpose.rawValue)
            AND (built_version IS NULL OR built_for IS NULL OR built_for <> \(built.issuerID) OR built_version < \(built.version)
                OR (built_version = \(built.version) AND built_at < \(built.at)))
        """
    }

    static func statusList(_ row: any SQLRow) throws -> StoredStatusList? {
        guard let purpose = StatusPurpose(rawValue: try row.required("purpose", as: String.self)) else { return nil }
        var built: StoredStatusList.Built?
        if let jwt = try row.optional("jwt", as: String.self), let version = try row.optional("built_version", as: Int.self),
            let at = try row.optionalDate("built_at"), let issuerID = try row.optional("built_for", as: String.self)
        {
            built = StoredStatusList.Built(jwt: jwt, version: version, at: at, issuerID: issuerID)
        }
        return StoredStatusList(list: try row.required("list"), purpose: purpose, version: try row.required("version"), built: built)
    }
}
