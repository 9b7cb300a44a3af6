import ArgumentParser
import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// `--data DIR`: where Waymark keeps its files (default ./data, or WAYMARK_DATA), and
/// `--database ADDRESS`: where the record is (default the SQLite file in the data folder, or
/// WAYMARK_DATABASE_URL; `postgres://...` for a PostgreSQL database several servers share).
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: WaymarkSettings.data.argumentHelp)
    var directory: String?

    @Option(name: .customLong("database"), help: WaymarkSettings.database.argumentHelp)
    var database: String?

    /// These options as settings: each flag given, by its setting.
    var flags: [GivenFlag] { [(WaymarkSettings.data, directory), (WaymarkSettings.database, database)] }

    /// These options' settings, each from its flag, else the environment, else its default.
    var settings: WaymarkSettings { WaymarkSettings(flags: flags) }

    var path: String { settings.text(WaymarkSettings.data) }

    var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// Where the record is, from --database, WAYMARK_DATABASE_URL or the data folder. Export
    /// reads its SQLite source from the data folder even while WAYMARK_DATABASE_URL names the
    /// PostgreSQL target (`environment: false`).
    func location(environment: Bool = true) throws -> StoreLocation {
        let given = environment ? try settings.value(WaymarkSettings.database) : database
        do {
            return try StoreLocation.resolve(given, dataDirectory: url)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Opens the store (and brings its schema up to date). A SQLite file is created only when
    /// `creating`; otherwise a missing one is a usage error that says what to do.
    func openStore(creating: Bool, environment: Bool = true) async throws -> AnyWaymarkStore {
        let location = try location(environment: environment)
        if !creating, !location.exists {
            throw ValidationError(
                "There is no Waymark data in '\(path)'. Give the right folder with --data (or the database with --database), or start with 'waymark demo' or 'waymark users add'."
            )
        }
        do {
            return try await location.open()
        } catch {
            throw CommandFailure("Cannot open the Waymark data at \(location): \(error)")
        }
    }

    /// Opens the store, runs `body` with it and lets it go again, whatever happens.
    func withStore<T>(creating: Bool, environment: Bool = true, _ body: (AnyWaymarkStore) async throws -> T) async throws -> T {
        let store = try await openStore(creating: creating, environment: environment)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// `--curriculum DIR`: the folder holding Curriculum/ and Assessments/ (default: the bundled one).
struct CurriculumOptions: ParsableArguments {
    @Option(name: .customLong("curriculum"), help: WaymarkSettings.curriculum.argumentHelp)
    var directory: String?

    /// These options as settings: each flag given, by its setting.
    var flags: [GivenFlag] { [(WaymarkSettings.curriculum, directory)] }

    /// The folder given by --curriculum, else WAYMARK_CURRICULUM; nil for the bundled one.
    func given() throws -> String? {
        try WaymarkSettings(flags: flags).value(WaymarkSettings.curriculum)
    }

    /// Loads and checks the curriculum; a curriculum with errors is refused with its diagnostics.
    func load() throws -> Curriculum {
        try Self.load(given(), advice: "The curriculum has errors; fix them first (waymark validate).")
    }

    /// Loads and checks the curriculum in `directory` (the bundled one when nil); with errors it
    /// is refused with its diagnostics, then `advice`.
    static func load(_ directory: String?, advice: String) throws -> Curriculum {
        let location = try CurriculumLocation.resolve(directory)
        let report: CurriculumReport
        do {
            report = try CurriculumLoader().load(from: location.url, displayRoot: location.display)
        } catch {
            throw ValidationError(error.description)
        }
        guard report.isValid else {
            throw CommandFailure(ValidationReport.text(report) + advice)
        }
        return report.curriculum
    }
}

/// A command that could not do its job, with the reason to print; exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Role: ExpressibleByArgument {}
extension Stage: ExpressibleByArgument {}
