import Foundation

/// Which lines of the audit log to read, newest first: by or about one person, by words in a
/// name or email, by action and by time, a page at a time.
public struct AuditQuery: Sendable, Hashable {
    /// Only lines by or about the person with this id.
    public var personID: String?
    /// Only lines by or about someone whose name or email contains this (any case).
    public var personText: String?
    /// Only this action (such as "vetting.viewed").
    public var action: String?
    /// Only lines at or after `from`, and before `before`.
    public var from: Date?
    public var before: Date?
    /// The page: lines skipped, and at most how many.
    public var offset: Int
    public var limit: Int

    public init(
        personID: String? = nil,
        personText: String? = nil,
        action: String? = nil,
        from: Date? = nil,
        before: Date? = nil,
        offset: Int = 0,
        limit: Int = 50
    ) {
        self.personID = personID
        self.personText = personText
        self.action = action
        self.from = from
        self.before = before
        self.offset = offset
        self.limit = limit
    }

    /// The words to look for as a `LIKE` pattern (lower case, `%` and `_` taken literally), or nil.
    var personPattern: String? {
        guard let personText, !personText.isEmpty else { return nil }
        let escaped = personText.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }

    /// The query, reading one line more than `limit` to tell whether there is an older page. A
    /// filter not given is a NULL, and lets every line through; the casts tell PostgreSQL what
    /// such a NULL is.
    func statement(limit: Int) -> SQLStatement {
        let pattern = personPattern
        let from = from?.timeIntervalSince1970
        let before = before?.timeIntervalSince1970
        return """
            SELECT at, actor_id, action, subject_id, detail FROM audit_log
            WHERE (CAST(\(personID) AS TEXT) IS NULL OR actor_id = \(personID) OR subject_id = \(personID))
              AND (CAST(\(pattern) AS TEXT) IS NULL
                   OR actor_id IN (SELECT id FROM people WHERE lower(name) LIKE \(pattern) ESCAPE '\\' OR email LIKE \(pattern) ESCAPE '\\')
                   OR subject_id IN (SELECT id FROM people WHERE lower(name) LIKE \(pattern) ESCAPE '\\' OR email LIKE \(pattern) ESCAPE '\\'))
              AND (CAST(\(action) AS TEXT) IS NULL OR action = \(action))
              AND (CAST(\(from) AS DOUBLE PRECISION) IS NULL OR at >= \(from))
              AND (CAST(\(before) AS DOUBLE PRECISION) IS NULL OR at < \(before))
            ORDER BY at DESC, id DESC LIMIT \(limit + 1) OFFSET \(max(0, offset))
            """
    }

    /// Every action the log holds, for a list to choose from.
    static let actions: SQLStatement = "SELECT action FROM audit_log GROUP BY action ORDER BY action\(.binaryOrder)"
}

/// A page of the audit log, newest first.
public struct AuditPage: Sendable, Hashable {
    public var entries: [AuditEntry]
    /// Whether older lines follow this page.
    public var hasOlder: Bool

    public init(entries: [AuditEntry], hasOlder: Bool) {
        self.entries = entries
        self.hasOlder = hasOlder
    }
}
