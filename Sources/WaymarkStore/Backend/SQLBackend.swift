/// A database as the store sees it: sessions to read and to write, and the few things that are
/// done differently on each database. `AnyWaymarkStore` writes every operation once over this.
protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }

    /// Reads. Each statement sees its own moment unless `snapshot` (then all see the same one).
    /// Database errors come out as `StoreError`.
    func read<T: Sendable>(snapshot: Bool, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T

    /// Writes in one transaction: all of `body` or, when it throws, none of it. Database errors
    /// come out as `StoreError` (`conflict` for an event number taken, `duplicateEmail`...).
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T
}

extension SQLBackend {
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await read(snapshot: false, body)
    }
}
