import Foundation
import NIOPosix
import WaymarkCurriculum

/// The curriculum folder a preview shows, loaded again by the same loader as `waymark validate`
/// whenever its files change, so a file saved shows at the next page load.
actor PreviewFolder {
    /// One load of the folder: what the loader found, problems and all.
    struct Loaded: Sendable {
        /// What the loader found; partial when some files have problems. Nil when the folder
        /// itself could not be looked at.
        var report: CurriculumReport?
        /// Why the folder could not be looked at (it was removed, say).
        var folderProblem: String?
        /// What pages work out from this load: a new, empty cache comes with every load.
        var derived = CurriculumCache()
        /// How diagnostics begin their paths: the folder as the trainer gave it.
        var root: String
    }

    let directory: URL
    /// The folder as the trainer gave it, so messages read as `waymark validate` prints them.
    let displayRoot: String
    private let loader: CurriculumLoader
    private var latest: (fingerprint: FolderFingerprint, loaded: Loaded)?
    /// A load under way, so pages asked for meanwhile wait for it instead of loading again.
    private var pending: (fingerprint: FolderFingerprint, task: Task<Loaded, Never>)?

    init(directory: URL, displayRoot: String, loader: CurriculumLoader = CurriculumLoader()) {
        self.directory = directory
        self.displayRoot = displayRoot
        self.loader = loader
    }

    /// The folder as it is on disk now: the last load when no file changed since, else a new one.
    func current() async -> Loaded {
        let now = FolderFingerprint.take(of: directory)
        if let latest, latest.fingerprint == now { return latest.loaded }
        if let pending, pending.fingerprint == now { return await pending.task.value }
        let (directory, displayRoot, loader) = (directory, displayRoot, loader)
        let task = Task { await Self.load(directory, displayRoot: displayRoot, loader: loader) }
        pending = (now, task)
        let loaded = await task.value
        if pending?.fingerprint == now {
            latest = (now, loaded)
            pending = nil
        }
        return loaded
    }

    /// Loads on NIO's pool for blocking work: a file can take the loader up to its time budget,
    /// and no event loop may wait that long. (The preview checks no passwords, so nothing else
    /// waits behind it there.)
    private static func load(_ directory: URL, displayRoot: String, loader: CurriculumLoader) async -> Loaded {
        let root = PreviewFiles.root(displayRoot)
        do {
            let report = try await NIOThreadPool.singleton.runIfActive { () throws -> CurriculumReport in
                try loader.load(from: directory, displayRoot: displayRoot)
            }
            return Loaded(report: report, root: root)
        } catch let problem as CurriculumFolderError {
            return Loaded(folderProblem: problem.description, root: root)
        } catch {
            return Loaded(folderProblem: "The folder could not be read: \(error)", root: root)
        }
    }
}
