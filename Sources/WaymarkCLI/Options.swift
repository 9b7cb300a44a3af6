import ArgumentParser
import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// `--data DIR`: where Waymark keeps its database (default ./data, or WAYMARK_DATA).
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The data folder (default: ./data, or WAYMARK_DATA).")
    var directory: String?

    var path: String {
        directory ?? ProcessInfo.processInfo.environment["WAYMARK_DATA"] ?? "./data"
    }

    /// Opens the store, creating the data folder when `creating`; otherwise a missing folder is
    /// a usage error that says what to do.
    func openStore(creating: Bool) throws -> SQLiteStore {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        if !creating {
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("waymark.sqlite").path) else {
                throw ValidationError(
                    "There is no Waymark data in '\(path)'. Give the right folder with --data, or start with 'waymark demo' or 'waymark users add'."
                )
            }
        }
        do {
            return try SQLiteStore.open(dataDirectory: url)
        } catch {
            throw CommandFailure("Cannot open the Waymark data in '\(path)': \(error)")
        }
    }
}

/// `--curriculum DIR`: the folder holding Curriculum/ and Assessments/ (default: the bundled one).
struct CurriculumOptions: ParsableArguments {
    @Option(
        name: .customLong("curriculum"),
        help: "A folder holding Curriculum/ and Assessments/ (default: the bundled curriculum, or WAYMARK_CURRICULUM)."
    )
    var directory: String?

    /// Loads and checks the curriculum; a curriculum with errors is refused with its diagnostics.
    func load() throws -> Curriculum {
        let location = try CurriculumLocation.resolve(directory ?? ProcessInfo.processInfo.environment["WAYMARK_CURRICULUM"])
        let report: CurriculumReport
        do {
            report = try CurriculumLoader().load(from: location.url, displayRoot: location.display)
        } catch {
            throw ValidationError(error.description)
        }
        guard report.isValid else {
            throw CommandFailure(ValidationReport.text(report) + "The curriculum has errors; fix them first (waymark validate).")
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
