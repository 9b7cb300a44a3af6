import Foundation
import ServiceLifecycle
import WaymarkStore

/// Looks for a newer curriculum version every few seconds while the server runs, so a reload
/// on any server reaches this one within that time. Each look is one indexed read (the newest
/// version's number) and one small write (when this server looked, and what it runs).
struct CurriculumPollService<Store: WaymarkStore>: Service {
    let versioning: CurriculumVersioning<Store>
    let every: Duration
    let ready: Readiness

    func run() async throws {
        while !ready.isOpen {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        while !Task.isShuttingDownGracefully {
            do {
                try await versioning.check(at: Date())
            } catch {
                versioning.logger.error("Looking for a newer curriculum version failed: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: every) }
            } catch {
                break
            }
        }
        // A process that exits runs no deinit: the private copy of the files goes now.
        PrivateCurriculumCopy.remove(versioning.holder.now.folder)
    }
}
