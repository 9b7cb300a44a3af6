import ArgumentParser
import Foundation
import WaymarkStore

/// `waymark purge`: removes vetting working notes older than the retention period.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove vetting notes older than the retention period (default 6 months). The server also does this daily.",
        discussion:
            "Vetting records keep only level, certificate number, issue date, decision, who decided and when; anything else goes after the retention period."
    )

    @OptionGroup var data: DataOptions

    @Option(help: "Keep vetting notes for this many months.")
    var months = 6

    func validate() throws {
        guard (1...120).contains(months) else { throw ValidationError("--months must be between 1 and 120.") }
    }

    func run() async throws {
        let dates = try data.settings.dates()
        try await data.withStore(creating: false) { store in
            let now = Date()
            let cutoff = VettingRetention(months: months).cutoff(now: now)
            let removed = try await store.purgeVettingNotes(recordedBefore: cutoff, by: "system", at: now)
            print("Removed \(removed) vetting note\(removed == 1 ? "" : "s") recorded before \(dates.day(cutoff)).")
        }
    }
}
