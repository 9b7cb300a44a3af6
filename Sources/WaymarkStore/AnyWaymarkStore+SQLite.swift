import Foundation

extension AnyWaymarkStore {
    /// The store on the SQLite file at `path`, created if needed, its schema brought up to date.
    public static func sqlite(path: String) throws -> AnyWaymarkStore {
        let store = try SQLiteStore(path: path)
        return AnyWaymarkStore(store, location: path, migratedNow: store.migratedNow, close: {})
    }

    /// The store in a data folder (`waymark.sqlite` in it), creating the folder (mode 0700) when
    /// it is missing.
    public static func sqlite(dataDirectory: URL) throws -> AnyWaymarkStore {
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.unavailable("cannot create the data folder \(dataDirectory.path): \(error.localizedDescription)")
        }
        return try sqlite(path: dataDirectory.appendingPathComponent("waymark.sqlite").path)
    }
}
