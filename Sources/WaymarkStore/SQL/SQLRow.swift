import Foundation
import GRDB
import PostgresNIO

/// A row read the same way from either database, so each row is turned into a value once.
/// A NULL in a column read as required is a broken database, and says so.
protocol SQLRow {
    func value<T: SQLColumnValue>(_ column: String, as type: T.Type) throws -> T?
    /// A BLOB (SQLite) or BYTEA (PostgreSQL) column's bytes, or nil when NULL.
    func bytes(_ column: String) throws -> [UInt8]?
}

extension SQLRow {
    func required<T: SQLColumnValue>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = try value(column, as: T.self) else { throw StoreError.unavailable("the column \(column) is unexpectedly empty") }
        return value
    }

    func optional<T: SQLColumnValue>(_ column: String, as type: T.Type = T.self) throws -> T? {
        try value(column, as: T.self)
    }

    func requiredDate(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: try required(column, as: Double.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try value(column, as: Double.self).map(Date.init(timeIntervalSince1970:))
    }
}

/// The Swift types a column is read as, on both databases.
protocol SQLColumnValue: DatabaseValueConvertible, PostgresDecodable where _DecodableType == Self {}

extension String: SQLColumnValue {}
extension Int: SQLColumnValue {}
extension Int64: SQLColumnValue {}
extension Double: SQLColumnValue {}
extension Bool: SQLColumnValue {}

extension Row: SQLRow {
    func value<T: SQLColumnValue>(_ column: String, as type: T.Type) throws -> T? {
        try decode(T?.self, forColumn: column)
    }

    func bytes(_ column: String) throws -> [UInt8]? {
        try decode(Data?.self, forColumn: column).map { [UInt8]($0) }
    }
}

extension PostgresRandomAccessRow: SQLRow {
    func value<T: SQLColumnValue>(_ column: String, as type: T.Type) throws -> T? {
        try self[column].decode(T?.self)
    }

    func bytes(_ column: String) throws -> [UInt8]? {
        try self[column].decode(ByteBuffer?.self).map { Array(buffer: $0) }
    }
}
