/// SQL about the status lists that SQLite and PostgreSQL both read the same way.
enum StatusListSQL {
    /// A row for both purposes of every list a certificate has a bit in (after the migration
    /// gives every certificate its slot).
    static let backfillLists = """
        INSERT INTO status_lists (list, purpose, version)
        SELECT DISTINCT c.status_list, p.purpose, 1 FROM certificates AS c
        CROSS JOIN (SELECT 'revocation' AS purpose UNION ALL SELECT 'suspension') AS p
        WHERE c.status_list IS NOT NULL
        """

    /// A row for both purposes of a list (its number given twice), when it has none yet.
    static let addLists = """
        INSERT INTO status_lists (list, purpose, version) VALUES ($1, 'revocation', 1), ($2, 'suspension', 1)
        ON CONFLICT (list, purpose) DO NOTHING
        """

    /// Counts up the version of both lists the certificate with this code is in.
    static let bumpVersion = """
        UPDATE status_lists SET version = version + 1 WHERE list = (SELECT status_list FROM certificates WHERE code = $1)
        """

    /// Keeps a signed list ($1) built from version $2 at $3 naming the issuer $4, for list $5
    /// and purpose $6, unless the one kept names the same issuer and was built from a later
    /// version, or from the same one later. (SQLite numbers `$n` in the order they first
    /// appear, so they appear in order.)
    static let saveBuilt = """
        UPDATE status_lists SET jwt = $1, built_version = $2, built_at = $3, built_for = $4
        WHERE list = $5 AND purpose = $6
            AND (built_version IS NULL OR built_for IS NULL OR built_for <> $4 OR built_version < $2
                OR (built_version = $2 AND built_at < $3))
        """
}
