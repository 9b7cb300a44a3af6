import NIOCore
import NIOPosix

/// Which threads do what while `waymark serve` runs.
public enum ServingThreads {
    /// Runs Swift's tasks on NIO's event loops for the rest of the process. A request's handler
    /// then runs on the threads that read and write connections, instead of hopping to Swift's
    /// own thread pool and back for every request: on the trainee dashboard that hop was a
    /// quarter of the server's CPU (Benchmarks/load_web.py). Call it first thing in `main`,
    /// before any task has run; it returns whether it took effect.
    ///
    /// In exchange, nothing slow may run in a handler: it would hold up every connection on its
    /// loop. Slow work goes through `offload`, and store reads are either short or asynchronous.
    public static func adopt() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Runs slow CPU work (bcrypt, which takes a good fraction of a second by design) on NIO's
    /// pool for blocking work, so that no event loop waits for it. Curriculum reloads have a
    /// thread of their own (`CurriculumReloads`), so they can never hold up sign-ins.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
