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
    /// loop. bcrypt goes through `PasswordWork` (threads of its own, at a lower
    /// priority), curriculum reloads through `CurriculumReloads`, and store reads are either short
    /// or asynchronous.
    public static func adopt() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
