import Foundation
import Testing

/// One check that must hold on every store, given to a parameterised test once per store. Its
/// name is `Enum.function`, so a failure says which check failed, and the test says on which store.
public struct StoreCheck: Sendable, CustomTestStringConvertible {
    public let name: String
    private let body: @Sendable (Backend) async throws -> Void

    /// A check that is given a fresh, empty store and whose store is removed afterwards.
    public init(_ name: String, _ check: @escaping @Sendable (TemporaryStore) async throws -> Void) {
        self.name = name
        body = { backend in try await TemporaryStore.run(backend, check) }
    }

    /// A check that makes what it needs on `backend` itself (a web app, a server, a command).
    public init(_ name: String, _ check: @escaping @Sendable (Backend) async throws -> Void) {
        self.name = name
        body = check
    }

    private init(name: String, body: @escaping @Sendable (Backend) async throws -> Void) {
        self.name = name
        self.body = body
    }

    public var testDescription: String { name }

    public func run(on backend: Backend) async throws {
        try await body(backend)
    }

    /// The checks of `owner`, each named `Owner.check`, as `StoreCheck.declared` names them.
    public static func list<Owner>(_ owner: Owner.Type, _ checks: [StoreCheck]) -> [StoreCheck] {
        let prefix = String(describing: owner) + "."
        return checks.map { StoreCheck(name: prefix + $0.name, body: $0.body) }
    }
}
