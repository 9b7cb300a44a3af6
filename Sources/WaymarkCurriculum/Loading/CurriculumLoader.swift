import Dispatch
import Foundation
import WaymarkXML

/// What loading a curriculum folder found: the model and every problem, sorted for reading.
public struct CurriculumReport: Sendable {
    /// Everything that loaded; partial when there are errors.
    public var curriculum: Curriculum
    /// The problems in every file, by file, line and column: at most a set number per file, then
    /// one line saying how many more that file has.
    public var diagnostics: [Diagnostic]
    /// Problems counted but not shown, beyond the number shown per file.
    public var omittedErrorCount: Int
    /// Warnings counted but not shown.
    public var omittedWarningCount: Int

    /// A report of this curriculum and these problems.
    public init(curriculum: Curriculum, diagnostics: [Diagnostic], omittedErrorCount: Int = 0, omittedWarningCount: Int = 0) {
        self.curriculum = curriculum
        self.diagnostics = diagnostics
        self.omittedErrorCount = omittedErrorCount
        self.omittedWarningCount = omittedWarningCount
    }

    /// How many problems stop the curriculum from being used, shown or not (an "and N more" line
    /// is not a problem of its own).
    public var errorCount: Int {
        diagnostics.filter { $0.severity == .error && !$0.isMoreLine }.count + omittedErrorCount
    }
    /// How many problems are worth a look but do not stop it.
    public var warningCount: Int {
        diagnostics.filter { $0.severity == .warning && !$0.isMoreLine }.count + omittedWarningCount
    }
    /// Whether the curriculum can be used.
    public var isValid: Bool { errorCount == 0 }
}

/// A curriculum folder that cannot be looked at at all.
public struct CurriculumFolderError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in plain words.
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Loads `Curriculum/` and `Assessments/` from a folder into a `Curriculum`, checking each file
/// against the schema and then the files against each other.
public struct CurriculumLoader: Sendable {
    /// Limits for reading each file.
    public var options: XMLParseOptions
    /// How long checking one file may take before it is stopped and named.
    public var timeBudgetPerFile: Duration

    /// A loader with these limits. At most `DiagnosticCollector.defaultLimitPerFile` problems
    /// of a file are shown; the rest are counted.
    public init(options: XMLParseOptions = XMLParseOptions(), timeBudgetPerFile: Duration = .seconds(10)) {
        self.options = options
        self.timeBudgetPerFile = timeBudgetPerFile
    }

    /// Loads the folder at `directory`. `displayRoot` is how file paths begin in diagnostics
    /// (what the person typed); by default the folder's path, with "." shown as nothing.
    ///
    /// Synchronous and CPU-bound: files are read in parallel on the calling thread and others.
    public func load(from directory: URL, displayRoot: String? = nil) throws(CurriculumFolderError) -> CurriculumReport {
        let files = try CurriculumFiles.discover(in: directory, displayRoot: displayRoot ?? directory.path)
        let outcomes = readInParallel(files.all)
        var diagnostics = DiagnosticCollector()
        for outcome in outcomes { diagnostics.add(contentsOf: outcome.diagnostics) }
        var linker = CurriculumLinker(files: files, outcomes: outcomes)
        let programmes = linker.link()
        diagnostics.add(contentsOf: linker.diagnostics)
        let shown = diagnostics.finished()
        return CurriculumReport(
            curriculum: Curriculum(programmes: programmes),
            diagnostics: shown.diagnostics,
            omittedErrorCount: shown.omittedErrorCount,
            omittedWarningCount: shown.omittedWarningCount
        )
    }

    private func readInParallel(_ files: [CurriculumFile]) -> [FileOutcome] {
        let slots = OutcomeSlots(count: files.count)
        let options = options
        let budget = timeBudgetPerFile
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots.set(index, FileOutcome.read(files[index], options: options, timeBudget: budget))
        }
        return slots.values
    }
}

/// Results written by parallel readers, each to its own slot.
private final class OutcomeSlots: @unchecked Sendable {
    private var slots: [FileOutcome?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ outcome: FileOutcome) {
        lock.withLock { slots[index] = outcome }
    }

    var values: [FileOutcome] {
        lock.withLock { slots.compactMap { $0 } }
    }
}
