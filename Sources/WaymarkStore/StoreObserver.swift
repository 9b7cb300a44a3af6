import WaymarkProgress

/// Told what the store did, for the server's metrics. The store itself keeps no counts: it
/// tells whoever watches (nobody, in commands and most tests).
public protocol StoreObserver: Sendable {
    /// Events were written to trainees' records, after their transaction committed. Called once
    /// per append, by `AnyWaymarkStore`, whichever database is underneath.
    func appended(_ events: [TraineeEvent])
}

extension AnyWaymarkStore {
    /// The same store, on the same database and connections, with `observer` told of each append.
    public func observed(by observer: any StoreObserver) -> AnyWaymarkStore {
        AnyWaymarkStore(backend, location: location, migratedNow: migratedNow, observer: observer, close: closing)
    }
}
