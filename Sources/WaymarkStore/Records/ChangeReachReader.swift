import Foundation
import Synchronization
import WaymarkCurriculum
import WaymarkProgress

extension ChangeReach {
    /// Counts every trainee on the programmes a diff is about, reading each programme's events
    /// in one pass; progress is worked out on `running` (the curriculum in use now).
    public static func counting<Store: RecordStore>(_ diff: CurriculumDiff, running: Curriculum, in store: Store, now: Date) async throws -> ChangeReach {
        let reach = Mutex(ChangeReach())
        for programmeID in Set(diff.changes.map(\.programmeID)).sorted() {
            guard let programme = running.programme(programmeID) else { continue }
            try await store.forEachTraineeEvents(programmeID: programmeID) { _, events in
                reach.withLock { $0.add(events, on: programme, now: now) }
            }
        }
        return reach.withLock { $0 }
    }
}
