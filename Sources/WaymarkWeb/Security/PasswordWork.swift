import Foundation
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// bcrypt (checking or making a password hash) takes about a quarter of a second of a core by
/// design. When many people sign in at once, that work must never starve the pages everyone
/// else is reading, so it runs:
/// - on threads of its own, fewer than the cores (one on a 2-core machine), so the event loops
///   always have a core;
/// - at a lower scheduling priority (nice 10), so a page that needs the core it is on goes first;
/// - with a bounded queue: when more are waiting than can be done in `longestWait`, the next one
///   is told to come back shortly (`Busy`), at once, rather than left waiting to time out.
public final class PasswordWork: Sendable {
    /// Too much bcrypt is waiting already; try again after `retryAfter` seconds.
    public struct Busy: Error, Equatable {
        public let retryAfter: Int
    }

    private struct Queue {
        /// Admitted and not yet finished: running, or waiting for a lane.
        var admitted = 0
        /// How long one hash takes here, smoothed (bcrypt's cost fixes it; the machine sets it).
        var secondsEach = 0.25
    }

    /// How many hashes run at once.
    let lanes: Int
    /// No one waits longer than this for bcrypt to start.
    let longestWait: TimeInterval
    private let pool: NIOThreadPool
    private let queue = Mutex(Queue())

    /// One lane fewer than the cores (at least one).
    public static var defaultLanes: Int { max(1, System.coreCount - 1) }

    /// `lanes` hashes at once; no one waits more than about `longestWait` seconds for one to start.
    public init(lanes: Int = PasswordWork.defaultLanes, longestWait: TimeInterval = 10) {
        self.lanes = max(1, lanes)
        self.longestWait = max(0, longestWait)
        self.pool = NIOThreadPool(numberOfThreads: self.lanes)
        pool.start()
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    /// How many are running or waiting now.
    var admitted: Int { queue.withLock { $0.admitted } }

    /// Runs `work` (one bcrypt) on a password lane, or throws `Busy` at once when the queue is full.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try admit()
        defer { queue.withLock { $0.admitted -= 1 } }
        let (result, seconds) = try await pool.runIfActive { () -> (T, Double) in
            Self.lowerThisThreadsPriority()
            let started = ContinuousClock.now
            let result = work()
            let taken = started.duration(to: .now)
            return (result, Double(taken.components.seconds) + Double(taken.components.attoseconds) / 1e18)
        }
        queue.withLock { $0.secondsEach = $0.secondsEach * 0.8 + seconds * 0.2 }
        return result
    }

    private func admit() throws {
        try queue.withLock { state in
            // Those ahead, shared among the lanes, each taking about `secondsEach`.
            let wait = Double(state.admitted / lanes) * state.secondsEach
            guard state.admitted < lanes || wait + state.secondsEach <= longestWait else {
                let seconds = (Double(state.admitted) / Double(lanes) * state.secondsEach).rounded(.up)
                throw Busy(retryAfter: Int(min(max(seconds, 1), 60)))
            }
            state.admitted += 1
        }
    }

    /// On Linux the nice value belongs to each thread; `who` 0 is the calling thread. Raising it
    /// needs no privilege. Elsewhere the threads keep the normal priority.
    private static func lowerThisThreadsPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
