extension SQLiteStore {
    /// One writer at a time already: what the body reads is still so when it writes.
    func writeAlone<T: Sendable>(named name: String, timeout: Duration, _ body: @escaping @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await write(body)
    }
}
