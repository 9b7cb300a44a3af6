import Foundation
import GRDB
import GRDBSQLite

/// Reads the current row of a stepped statement by column index, for the reads every page makes
/// (its session, a trainee's enrolments and events; see also `EventScanner`): GRDB's `Row` copies the row and finds columns by name,
/// which cost more than the query.
struct ColumnReader {
    let statement: SQLiteStatement

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
    }

    /// Steps to the next row: false at the end.
    func step() throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StoreError.unavailable(String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    /// A text column's bytes, valid until the next step; nil for NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard !isNull(column), let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }

    func text(_ column: Int32) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement, column))
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(statement, column)
    }

    func bool(_ column: Int32) -> Bool {
        sqlite3_column_int64(statement, column) != 0
    }
}

extension ColumnReader {
    /// The first row read by `read`, or nil. The statement is reset afterwards, so an idle
    /// connection holds no snapshot that would keep the WAL file from being checkpointed.
    static func first<T>(_ statement: Statement, _ arguments: StatementArguments, _ read: (ColumnReader) throws -> T) throws -> T? {
        try statement.setArguments(arguments)
        let reader = ColumnReader(statement)
        defer { sqlite3_reset(reader.statement) }
        return try reader.step() ? read(reader) : nil
    }

    /// Every row, read by `read`.
    static func all<T>(_ statement: Statement, _ arguments: StatementArguments, _ read: (ColumnReader) throws -> T) throws -> [T] {
        try statement.setArguments(arguments)
        let reader = ColumnReader(statement)
        defer { sqlite3_reset(reader.statement) }
        var rows: [T] = []
        while try reader.step() { rows.append(try read(reader)) }
        return rows
    }
}
