import Foundation
import WaymarkCurriculum

/// The curriculum in use: an immutable value, replaced whole when a reload validates or a newer
/// stored version arrives, so a request sees either the old curriculum or the new one, never
/// half of each.
public final class CurriculumHolder: @unchecked Sendable {
    /// The curriculum a server runs and where it came from, replaced together.
    public struct Running: Sendable {
        public var curriculum: Curriculum
        public var loadedAt: Date
        /// The stored version's number, or nil for a curriculum that was never stored (tests).
        public var version: Int?
        /// The SHA-256 of its files (`CurriculumDigest`), or nil when never stored.
        public var digest: String?
        /// The folder its files are in, for pictures: the curriculum folder, or a private copy
        /// of a stored version's files.
        public var folder: URL?

        public init(curriculum: Curriculum, loadedAt: Date, version: Int? = nil, digest: String? = nil, folder: URL? = nil) {
            self.curriculum = curriculum
            self.loadedAt = loadedAt
            self.version = version
            self.digest = digest
            self.folder = folder
        }
    }

    private let lock = NSLock()
    private var running: Running
    /// What pages work out from this curriculum; a new, empty cache comes with every replacement.
    private var derived = CurriculumCache()
    /// When this server last looked for a newer stored version.
    private var checked: Date?
    /// Stored versions this server's checks refused, not to be tried again.
    private var refused: Set<Int> = []
    /// This server's name among the servers sharing a database (`--server-name`, or made up).
    public let serverID: String
    /// When this server started.
    public let startedAt: Date
    /// Reloads of this curriculum, one at a time on a thread of their own.
    let reloads: CurriculumReloads

    /// Holds `curriculum`; reloads read folders with the standard loader.
    public convenience init(_ curriculum: Curriculum, loadedAt: Date) {
        self.init(Running(curriculum: curriculum, loadedAt: loadedAt))
    }

    /// Holds what a server runs; reloads read folders with the standard loader.
    public convenience init(_ running: Running, serverID: String = CurriculumHolder.madeUpServerID()) {
        self.init(running, serverID: serverID, load: { directory throws(CurriculumFolderError) in
            try CurriculumLoader().load(from: directory, displayRoot: ".")
        })
    }

    /// Holds `curriculum`; reloads read folders with `load` (tests use a slow one).
    convenience init(_ curriculum: Curriculum, loadedAt: Date, load: @escaping @Sendable (URL) throws(CurriculumFolderError) -> CurriculumReport) {
        self.init(Running(curriculum: curriculum, loadedAt: loadedAt), load: load)
    }

    init(
        _ running: Running,
        serverID: String = CurriculumHolder.madeUpServerID(),
        load: @escaping @Sendable (URL) throws(CurriculumFolderError) -> CurriculumReport
    ) {
        self.running = running
        self.serverID = serverID
        startedAt = running.loadedAt
        reloads = CurriculumReloads(load: load)
    }

    deinit {
        // The private copy of the files running goes with the server (or the test) that made it.
        PrivateCurriculumCopy.remove(running.folder)
    }

    /// A name for a server not given one: the machine's name and a few random letters, so two
    /// servers on one machine differ.
    public static func madeUpServerID() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "server"
        let letters = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return host + "-" + String((0..<6).compactMap { _ in letters.randomElement() })
    }

    func hasRefused(_ version: Int) -> Bool {
        lock.withLock { refused.contains(version) }
    }

    func refuse(_ version: Int) {
        lock.withLock { _ = refused.insert(version) }
    }

    /// The curriculum now and what pages worked out from it, taken together so they always match.
    var snapshot: (curriculum: Curriculum, derived: CurriculumCache) {
        lock.withLock { (running.curriculum, derived) }
    }

    /// The curriculum now.
    public var current: Curriculum {
        lock.withLock { running.curriculum }
    }

    /// When the curriculum now in use was loaded.
    public var loadedAt: Date {
        lock.withLock { running.loadedAt }
    }

    /// The curriculum now with its version, digest and folder.
    public var now: Running {
        lock.withLock { running }
    }

    /// When this server last looked for a newer version, if it has.
    public var lastChecked: Date? {
        lock.withLock { checked }
    }

    /// Notes a look for a newer version.
    func checked(at date: Date) {
        lock.withLock { checked = date }
    }

    /// Puts a new, already validated, curriculum in place.
    public func replace(with curriculum: Curriculum, at date: Date) {
        replace(with: Running(curriculum: curriculum, loadedAt: date))
    }

    /// Puts a new, already validated, curriculum in place with where it came from; answers what
    /// it replaced.
    @discardableResult
    public func replace(with new: Running) -> Running {
        lock.withLock {
            let old = running
            running = new
            derived = CurriculumCache()
            return old
        }
    }

    /// Puts `new` in place unless the one running is already that version or a newer one (a
    /// reload and the poll can both bring the same version); answers what it replaced, if anything.
    func replace(ifNewer new: Running) -> Running? {
        lock.withLock {
            if let have = running.version, let wanted = new.version, have >= wanted { return nil }
            let old = running
            running = new
            derived = CurriculumCache()
            return old
        }
    }
}
