import Foundation

/// One statement written once for both databases: its text, with the values it needs bound in
/// place (`\(person.id)`) and the words the dialects spell differently marked (`\(.true)`,
/// `\(.binaryOrder)`). `SQLDialect` turns it into each database's own SQL.
struct SQLStatement: Sendable, ExpressibleByStringInterpolation {
    enum Part: Sendable, Equatable {
        case text(String)
        case value(SQLValue)
        case word(SQLWord)
    }

    private(set) var parts: [Part] = []

    init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    init(stringInterpolation: Interpolation) {
        parts = stringInterpolation.parts
    }

    init(parts: [Part]) {
        self.parts = parts
    }

    /// The values in the order they are bound.
    var values: [SQLValue] {
        parts.compactMap { if case .value(let value) = $0 { value } else { nil } }
    }

    static func + (left: SQLStatement, right: SQLStatement) -> SQLStatement {
        SQLStatement(parts: left.parts + right.parts)
    }

    struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(interpolationCount * 2 + 1)
        }

        mutating func appendLiteral(_ literal: String) {
            parts.append(.text(literal))
        }

        mutating func appendInterpolation(_ value: some SQLBindable) {
            parts.append(.value(value.sqlValue))
        }

        mutating func appendInterpolation(_ value: (some SQLBindable)?) {
            parts.append(.value(value?.sqlValue ?? .null))
        }

        mutating func appendInterpolation(_ word: SQLWord) {
            parts.append(.word(word))
        }

        /// A list of values, as `(?, ?, ?)` or `($1, $2, $3)`; empty lists match nothing.
        mutating func appendInterpolation(list values: [some SQLBindable]) {
            parts.append(.text("("))
            if values.isEmpty { parts.append(.text("NULL")) }
            for (index, value) in values.enumerated() {
                if index > 0 { parts.append(.text(", ")) }
                parts.append(.value(value.sqlValue))
            }
            parts.append(.text(")"))
        }

        /// SQL text from the code itself, never from a request (table names, shared fragments).
        mutating func appendInterpolation(trusted text: String) {
            parts.append(.text(text))
        }

        mutating func appendInterpolation(_ statement: SQLStatement) {
            parts.append(contentsOf: statement.parts)
        }
    }
}

/// The words SQLite and PostgreSQL spell differently.
enum SQLWord: Sendable, Equatable {
    case `true`, `false`
    /// After a text column in ORDER BY: order by bytes, as SQLite always does, whatever the
    /// PostgreSQL database's locale.
    case binaryOrder
    /// After a SELECT in a write: lock the rows read until the transaction ends (SQLite's one
    /// writer already holds every row).
    case forUpdate
    /// After a SELECT in a write: lock the rows read, passing over rows another transaction has
    /// locked instead of waiting for them (SQLite's one writer never meets such a row).
    case forUpdateSkipLocked
}

/// A value bound to a statement.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case bytes([UInt8])
}

protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable {
    var sqlValue: SQLValue { .text(self) }
}

extension Substring: SQLBindable {
    var sqlValue: SQLValue { .text(String(self)) }
}

extension Int: SQLBindable {
    var sqlValue: SQLValue { .integer(self) }
}

extension Double: SQLBindable {
    var sqlValue: SQLValue { .real(self) }
}

extension Bool: SQLBindable {
    var sqlValue: SQLValue { .boolean(self) }
}

extension [UInt8]: SQLBindable {
    var sqlValue: SQLValue { .bytes(self) }
}

extension Date: SQLBindable {
    /// Times are kept as seconds since 1970 in both databases.
    var sqlValue: SQLValue { .real(timeIntervalSince1970) }
}
