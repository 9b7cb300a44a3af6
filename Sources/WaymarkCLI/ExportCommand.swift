import ArgumentParser
import Foundation
import WaymarkStore

/// `waymark export --to postgres://...`: moves an installation from its SQLite file into PostgreSQL.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Copy this installation (its SQLite file) into an empty PostgreSQL database, checking every table's count.",
        discussion: """
            Stop the server first, so nothing changes during the copy. The copy is one transaction: if any count \
            differs, nothing is kept. People sign in again afterwards (sessions are not copied). Then start the servers \
            with --database (or WAYMARK_DATABASE_URL) set to the same address.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: "The PostgreSQL database to copy into: postgres://user:password@host:port/name.")
    var to: String

    func validate() throws {
        guard PostgresSettings.isPostgres(to) else { throw ValidationError("--to must be a postgres:// address.") }
    }

    func run() async throws {
        let target = try StoreLocation.resolve(to, dataDirectory: data.url)
        try await data.withStore(creating: false, environment: false) { source in
            let destination: AnyWaymarkStore
            do {
                destination = try await target.open()
            } catch {
                throw CommandFailure("Cannot open \(target): \(error)")
            }
            do {
                let progress = TerminalProgress()
                defer { progress.finish() }
                let counts = try await storeFailure {
                    try await source.copy(into: destination) { step in
                        progress.report("Copying \(step.table)", done: step.rowsSent, of: step.rowsInTable, unit: "rows")
                    }
                }
                progress.finish()
                await destination.close()
                print(
                    Table.render(header: ["TABLE", "IN SQLITE", "COPIED"], rows: counts.map { [$0.table, "\($0.source)", "\($0.copied)"] }),
                    terminator: ""
                )
                print("Copied \(counts.reduce(0) { $0 + $1.copied }) rows into \(target); every count matches.")
            } catch {
                await destination.close()
                throw error
            }
        }
    }
}
