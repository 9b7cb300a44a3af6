import Foundation

/// The parts of the store that `SQLiteStore` and `PostgresStore` still answer each in their own
/// way. Each part moves into `AnyWaymarkStore`, written once over `SQLBackend`, and leaves this list.
typealias UnportedStores = RecordStore & CertificateStore & OutboxStore
