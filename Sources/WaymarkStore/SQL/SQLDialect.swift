/// Where SQLite's and PostgreSQL's SQL differ, in one place: placeholders, booleans, binary
/// ordering and row locks. Everything else in a `SQLStatement` is the same text on both.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The statement's text for this database; its values bind in `statement.values`' order.
    func sql(_ statement: SQLStatement) -> String {
        var sql = ""
        var bound = 0
        for part in statement.parts {
            switch part {
            case .text(let text):
                sql += text
            case .value:
                bound += 1
                sql += self == .sqlite ? "?" : "$\(bound)"
            case .word(let word):
                sql += spelling(word)
            }
        }
        return sql
    }

    func spelling(_ word: SQLWord) -> String {
        switch (self, word) {
        case (.sqlite, .true): "1"
        case (.sqlite, .false): "0"
        case (.postgres, .true): "TRUE"
        case (.postgres, .false): "FALSE"
        case (.sqlite, .binaryOrder): ""
        case (.postgres, .binaryOrder): " COLLATE \"C\""
        case (.sqlite, .forUpdate): ""
        case (.postgres, .forUpdate): " FOR UPDATE"
        case (.sqlite, .forUpdateSkipLocked): ""
        case (.postgres, .forUpdateSkipLocked): " FOR UPDATE SKIP LOCKED"
        }
    }
}
