import Foundation
import GRDB

/// A consistent copy of a SQLite installation while it runs, and the check of a restored one.
/// The copy goes through SQLite's online backup (GRDB's `backup(to:)`), which reads one snapshot
/// of the database however much the server writes meanwhile; a copy of the file could catch a
/// write half done.
public enum SQLiteBackup {
    /// How many rows each table holds, by name.
    public typealias Counts = [String: Int]

    /// Copies the database at `source` into a new file at `destination` and counts the copy's rows.
    public static func copy(from source: String, to destination: String) throws -> Counts {
        guard FileManager.default.fileExists(atPath: source) else { throw StoreError.unavailable("there is no database at \(source)") }
        guard !FileManager.default.fileExists(atPath: destination) else { throw StoreError.unavailable("\(destination) is there already") }
        do {
            // Not read-only: a read-only WAL database cannot be opened while its -shm file is missing.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: source, configuration: configuration)
            let copy = try DatabaseQueue(path: destination)
            try pool.backup(to: copy)
            let counts = try copy.read(rowCounts)
            try copy.close()
            try pool.close()
            return counts
        } catch let error as DatabaseError {
            throw StoreError.unavailable("the backup could not be made: \(error.message ?? "\(error)")")
        }
    }

    /// What is wrong with a restored database, in plain words; empty when it passes SQLite's own
    /// integrity check and every table holds the rows the backup counted.
    public static func problems(at path: String, expected: Counts) throws -> [String] {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            var problems = integrity == ["ok"] ? [] : integrity.prefix(10).map { "SQLite's integrity check: \($0)" }
            let found = try queue.read(rowCounts)
            for (table, count) in expected.sorted(by: { $0.key < $1.key }) where found[table] != count {
                problems.append("table \(table) has \(found[table].map(String.init) ?? "no") rows; the backup counted \(count)")
            }
            for table in found.keys.sorted() where expected[table] == nil {
                problems.append("table \(table) is not in the backup's list")
            }
            return problems
        } catch let error as DatabaseError {
            return ["the restored database cannot be read: \(error.message ?? "\(error)")"]
        }
    }

    private static func rowCounts(_ db: Database) throws -> Counts {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        var counts: Counts = [:]
        for table in tables {
            counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\"") ?? 0
        }
        return counts
    }
}
