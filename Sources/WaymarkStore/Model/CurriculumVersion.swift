import Foundation

/// A curriculum that passed every check, kept in the database with all its files, so that
/// every server runs the same one. Numbered from 1; a number is never reused.
public struct CurriculumVersion: Sendable, Equatable {
    /// 1, 2, 3...: the newest is the one every server should run.
    public var number: Int
    /// SHA-256 of the files (`CurriculumDigest`): the same files always give the same digest, and
    /// one digest is stored once.
    public var digest: String
    /// Who stored it: the coordinator who reloaded, or nil when a server stored its folder as it started.
    public var storedByID: String?
    /// The server that stored it (its `--server-name`, or the id it made up when it started).
    public var storedOn: String
    public var storedAt: Date
    /// The programmes in it, as "id version" (for the history, without reading the files).
    public var programmes: String
    public var fileCount: Int
    public var totalBytes: Int

    public init(
        number: Int,
        digest: String,
        storedByID: String?,
        storedOn: String,
        storedAt: Date,
        programmes: String,
        fileCount: Int,
        totalBytes: Int
    ) {
        self.number = number
        self.digest = digest
        self.storedByID = storedByID
        self.storedOn = storedOn
        self.storedAt = storedAt
        self.programmes = programmes
        self.fileCount = fileCount
        self.totalBytes = totalBytes
    }
}

/// A curriculum version to store: what is known before it has a number.
public struct NewCurriculumVersion: Sendable {
    public var digest: String
    /// Every file, by path inside the folder, with its bytes.
    public var files: [(path: String, bytes: [UInt8])]
    public var storedByID: String?
    public var storedOn: String
    public var storedAt: Date
    public var programmes: String

    public init(digest: String, files: [(path: String, bytes: [UInt8])], storedByID: String?, storedOn: String, storedAt: Date, programmes: String) {
        self.digest = digest
        self.files = files
        self.storedByID = storedByID
        self.storedOn = storedOn
        self.storedAt = storedAt
        self.programmes = programmes
    }
}

/// What storing a version came to.
public enum CurriculumStoreOutcome: Sendable, Equatable {
    /// Stored under a new number.
    case stored(CurriculumVersion)
    /// These files were stored before, as this version: nothing was added.
    case alreadyStored(CurriculumVersion)

    public var version: CurriculumVersion {
        switch self {
        case .stored(let version), .alreadyStored(let version): version
        }
    }
}

/// One server's last look at the newest version.
public struct CurriculumServerCheck: Sendable, Equatable {
    public var serverID: String
    /// The version it runs (nil when it runs a curriculum that was never stored).
    public var runningVersion: Int?
    public var checkedAt: Date
    /// When it started.
    public var startedAt: Date

    public init(serverID: String, runningVersion: Int?, checkedAt: Date, startedAt: Date) {
        self.serverID = serverID
        self.runningVersion = runningVersion
        self.checkedAt = checkedAt
        self.startedAt = startedAt
    }
}
