import ArgumentParser
import Foundation
import WaymarkCurriculum
import WaymarkXML

/// `waymark validate [DIR]`: checks every curriculum file and prints each problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the curriculum files and list every problem as path:line:col.",
        discussion: """
            DIR holds Curriculum/ and Assessments/. Without DIR, the current folder is used if it \
            has a Curriculum/ folder, otherwise the curriculum bundled with Waymark.
            Exit status: 0 when valid, 1 when there are errors, 2 for usage errors.
            """
    )

    @Argument(help: "A folder holding Curriculum/ and Assessments/.")
    var directory: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "The largest curriculum file read, in megabytes.")
    var maxFileMb: Int = 10

    func validate() throws {
        guard (1...1000).contains(maxFileMb) else {
            throw ValidationError("--max-file-mb must be between 1 and 1000.")
        }
    }

    func run() throws {
        let location = try CurriculumLocation.resolve(directory)
        let report: CurriculumReport
        do {
            let loader = CurriculumLoader(options: XMLParseOptions(maximumBytes: maxFileMb * 1_000_000))
            report = try loader.load(from: location.url, displayRoot: location.display)
        } catch {
            throw ValidationError(error.description)
        }
        print(format.render(report), terminator: "")
        // End the process here rather than return: the model is a large tree of small values,
        // and tearing it down took as long as the schema check of every file (15 ms of 88 in
        // Benchmarks/validate_vs_xmllint.py). `exit` flushes standard output first.
        // Swift may release a value right after its last use, so keep the report alive across exit.
        withExtendedLifetime(report) { Foundation.exit(report.isValid ? 0 : 1) }
    }
}

/// How `validate` prints its report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json

    func render(_ report: CurriculumReport) -> String {
        switch self {
        case .text: ValidationReport.text(report)
        case .json: ValidationReport.json(report)
        }
    }
}
