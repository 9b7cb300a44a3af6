import ArgumentParser
import Foundation
import WaymarkStore

/// `waymark migrate`: brings the database's schema up to date, on purpose.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the database up to date with this version of Waymark.",
        discussion: """
            Every command does this when it opens the database; run it on its own before starting several servers \
            on a new version. Two servers starting at once are safe too: each change is applied once.
            """
    )

    @OptionGroup var data: DataOptions

    func run() async throws {
        try await data.withStore(creating: true) { store in
            let applied = try await store.appliedMigrations()
            if store.migratedNow.isEmpty {
                print("The database at \(store.location) is up to date (\(applied.count) changes, the last \(applied.last ?? "none")).")
            } else {
                print("Applied to \(store.location):")
                for name in store.migratedNow { print("  \(name)") }
                print("The database is up to date (\(applied.count) changes).")
            }
        }
    }
}
