import Foundation
import NIOPosix
import Synchronization
import WaymarkCurriculum

#if canImport(Glibc)
import Glibc
#endif

/// Curriculum reloads: one at a time, each on a thread kept for them alone.
///
/// A reload used to run on NIO's shared pool for blocking work, which also runs bcrypt for every
/// sign-in: two reloads stuck on one file held both of its threads, and nobody could sign in.
/// Now a reload can only ever hold its own thread, and a second reload asked for while one runs
/// is answered at once instead of queueing behind it.
final class CurriculumReloads: Sendable {
    /// A curriculum read and checked: its files, their digest, the private copy it was loaded
    /// from (removed again when it cannot be used) and the report.
    struct Loaded: Sendable {
        var report: CurriculumReport
        var content: CurriculumContent
        var digest: String
        var folder: URL
    }

    /// What asking for a reload came to.
    enum Outcome: Sendable {
        /// The files were loaded; the report says whether they can be used.
        case loaded(Loaded)
        /// Another reload is running; nothing was done.
        case alreadyRunning
    }

    private let load: @Sendable (URL) throws(CurriculumFolderError) -> CurriculumReport
    private let running = Atomic(false)
    /// Started on the first reload, so that servers and tests that never reload make no thread.
    private let pool = Mutex<NIOThreadPool?>(nil)

    /// Reloads that read with `load` (the real loader unless a test needs a slow one).
    init(load: @escaping @Sendable (URL) throws(CurriculumFolderError) -> CurriculumReport) {
        self.load = load
    }

    deinit {
        pool.withLock { $0?.shutdownGracefully { _ in } }
    }

    /// Reads the folder's files, copies them to a private folder and loads that copy, on the
    /// reload thread, unless a reload is running already.
    func reload(from directory: URL) async throws -> Outcome {
        try await loadOnThread { () throws(CurriculumFolderError) in try CurriculumContent.read(from: directory) }
    }

    /// Loads a stored version's files the same way.
    func reload(stored content: CurriculumContent) async throws -> Outcome {
        try await loadOnThread { () throws(CurriculumFolderError) in content }
    }

    private func loadOnThread(_ files: @escaping @Sendable () throws(CurriculumFolderError) -> CurriculumContent) async throws -> Outcome {
        guard running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return .alreadyRunning
        }
        defer { running.store(false, ordering: .releasing) }
        let load = load
        let loaded = try await thread().runIfActive { () throws -> Loaded in
            let content = try files()
            let folder = try PrivateCurriculumCopy.make(content)
            do {
                let report = try load(folder)
                if !report.isValid { PrivateCurriculumCopy.remove(folder) }
                return Loaded(report: report, content: content, digest: CurriculumDigest.of(content), folder: folder)
            } catch {
                PrivateCurriculumCopy.remove(folder)
                throw error
            }
        }
        Self.returnFreedMemory()
        return .loaded(loaded)
    }

    private func thread() -> NIOThreadPool {
        pool.withLock { pool in
            if let pool { return pool }
            let started = NIOThreadPool(numberOfThreads: 1)
            started.start()
            pool = started
            return started
        }
    }

    /// Loading builds and drops a tree of every file; glibc keeps what was freed for later
    /// instead of giving it back, so a server that reloaded a large curriculum stayed at its
    /// largest for good. Asking it to give back what is free brings the server back down.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
        // malloc_trim is glibc's own (malloc.h, which Swift's Glibc module leaves out): looked up
        // by name, and skipped with another C library.
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
