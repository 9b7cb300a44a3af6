import ArgumentParser
import Foundation
import WaymarkImport

/// `waymark import moodle|qti FILE... --out Assessments/<programme>/<name>.xml`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in questions from Moodle XML or QTI as a Waymark assessment.",
        discussion: """
            Imports every question it can, skips the rest with the reason, and never writes a file \
            that would fail validation.
            Exit status: 0 every question came in, 3 some were skipped, 1 nothing came in or the \
            result would not validate, 2 for usage errors.
            """,
        subcommands: [MoodleImportCommand.self, QTIImportCommand.self]
    )
}

/// `waymark import moodle FILE...`.
struct MoodleImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moodle",
        abstract: "Import Moodle XML question banks (multichoice, truefalse, shortanswer, numerical, matching, essay, description)."
    )

    @Argument(help: "Moodle XML files.")
    var files: [String]

    @OptionGroup var options: ImportArguments

    func validate() throws {
        try options.check(files, allowFolders: false)
    }

    func run() throws {
        let inputs = files.map { ImportInput(path: $0) }
        let progress = options.progress()
        let outcome = QuestionBankImport.moodle(inputs, options: options.importOptions(files)) { read, total in
            progress.report("Reading question banks", done: read, of: total, unit: "files")
        }
        progress.finish()
        try options.finish(outcome)
    }
}

/// `waymark import qti FILE-OR-DIR-OR-imsmanifest.xml...`.
struct QTIImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qti",
        abstract: "Import QTI 2.1, 2.2 and 3.0 items, folders of items, or content packages (imsmanifest.xml)."
    )

    @Argument(help: "QTI item files, folders, or imsmanifest.xml files.")
    var files: [String]

    @OptionGroup var options: ImportArguments

    func validate() throws {
        try options.check(files, allowFolders: true)
    }

    func run() throws {
        let inputs = files.map { ImportInput(path: $0) }
        let progress = options.progress()
        let outcome = QuestionBankImport.qti(inputs, options: options.importOptions(files)) { read, total in
            progress.report("Reading QTI items", done: read, of: total, unit: "files or folders")
        }
        progress.finish()
        try options.finish(outcome)
    }
}

/// The options both importers take.
struct ImportArguments: ParsableArguments {
    @Option(help: "Where to write the assessment, such as Assessments/peer-mentoring/imported.xml.")
    var out: String?

    @Option(help: "The assessment id (default: the --out file name).")
    var id: String?

    @Option(help: "The title people see (default: from the --out file name).")
    var title: String?

    @Option(help: "The pass mark, in percent.")
    var passMark: Double = 70

    @Flag(help: "Print the report without writing anything.")
    var dryRun = false

    @Option(help: "Report format: text or json.")
    var format: ReportFormat = .text

    /// A progress line for a person at a terminal; none under --format json, whose output programs read.
    func progress() -> TerminalProgress {
        TerminalProgress(quiet: format == .json)
    }

    func check(_ files: [String], allowFolders: Bool) throws {
        if out == nil && !dryRun {
            throw ValidationError("Say where to write the assessment with --out Assessments/<programme>/<name>.xml, or use --dry-run.")
        }
        if let out, !out.hasSuffix(".xml") {
            throw ValidationError("--out must name an .xml file, such as Assessments/peer-mentoring/imported.xml.")
        }
        guard (0...100).contains(passMark) else {
            throw ValidationError("--pass-mark must be between 0 and 100.")
        }
        if let id, !Self.isID(id) {
            throw ValidationError("--id '\(id)' is not a Waymark id: use lower-case letters, digits and dashes, at most 64.")
        }
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || title.count > 200 {
            throw ValidationError("--title must have between 1 and 200 characters.")
        }
        for file in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                throw ValidationError("The file '\(file)' does not exist.")
            }
            if isFolder.boolValue && !allowFolders {
                throw ValidationError("'\(file)' is a folder; give Moodle XML files.")
            }
        }
    }

    static func isID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 64 else { return false }
        let allowed = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        return allowed(first) && text.unicodeScalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// The id, title and pass mark, worked out from --out (or the first file) when not given.
    func importOptions(_ files: [String]) -> ImportOptions {
        let stem = ((out ?? files.first ?? "imported") as NSString).lastPathComponent
        let name = (stem as NSString).deletingPathExtension
        let id = id ?? Self.slug(name)
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let defaultTitle = words.prefix(1).uppercased() + words.dropFirst()
        return ImportOptions(
            assessmentID: id,
            title: title ?? (defaultTitle.trimmingCharacters(in: .whitespaces).isEmpty ? "Imported questions" : defaultTitle),
            passMark: passMark,
            displayPath: out ?? "\(id).xml"
        )
    }

    private static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "imported" : String(slug.prefix(64))
    }

    /// Prints the report, writes the files unless this is a dry run, and ends with the exit
    /// status the report calls for.
    func finish(_ outcome: ImportOutcome) throws {
        var written = false
        if !dryRun, let out, outcome.canWrite {
            do {
                try outcome.write(to: URL(fileURLWithPath: out))
                written = true
            } catch {
                throw CommandFailure("Could not write \(out): \(error.localizedDescription)")
            }
        }
        switch format {
        case .text: print(ImportReportOutput.text(outcome, out: out, dryRun: dryRun, written: written), terminator: "")
        case .json: print(ImportReportOutput.json(outcome, out: out, dryRun: dryRun, written: written), terminator: "")
        }
        let status = outcome.report.exitStatus
        if status != 0 { throw ExitCode(status) }
    }
}
