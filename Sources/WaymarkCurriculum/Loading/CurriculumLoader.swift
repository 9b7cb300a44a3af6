import Dispatch
import Foundation
import WaymarkXML

/// What loading a curriculum folder found: the model and every problem, sorted for reading.
public struct CurriculumReport: Sendable {
    /// Everything that loaded; partial when there are errors.
    public var curriculum: Curriculum
    /// Every problem in every file, by file, line and column.
    public var diagnostics: [Diagnostic]

    /// A report of this curriculum and these problems.
    public init(curriculum: Curriculum, diagnostics: [Diagnostic]) {
        self.curriculum = curriculum
        self.diagnostics = diagnostics
    }

    /// How many problems stop the curriculum from being used.
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    /// How many problems are worth a look but do not stop it.
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// Whether the curriculum can be used.
    public var isValid: Bool { errorCount == 0 }
}

/// A curriculum folder that cannot be looked at at all.
public struct CurriculumFolderError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, in plain words.
    public var description: String
}

/// Loads `Curriculum/` and `Assessments/` from a folder into a `Curriculum`, checking each file
/// against the schema and then the files against each other.
public struct CurriculumLoader: Sendable {
    /// Limits for reading each file.
    public var options: XMLParseOptions

    /// A loader with these limits.
    public init(options: XMLParseOptions = XMLParseOptions()) {
        self.options = options
    }

    /// Loads the folder at `directory`. `displayRoot` is how file paths begin in diagnostics
    /// (what the person typed); by default the folder's path, with "." shown as nothing.
    ///
    /// Synchronous and CPU-bound: files are read in parallel on the calling thread and others.
    public func load(from directory: URL, displayRoot: String? = nil) throws(CurriculumFolderError) -> CurriculumReport {
        let files = try CurriculumFiles.discover(in: directory, displayRoot: displayRoot ?? directory.path)
        let outcomes = readInParallel(files.all)
        var diagnostics = outcomes.flatMap(\.diagnostics)
        var linker = CurriculumLinker(files: files, outcomes: outcomes)
        let programmes = linker.link()
        diagnostics += linker.diagnostics
        diagnostics.sort(by: Diagnostic.readingOrder)
        return CurriculumReport(curriculum: Curriculum(programmes: programmes), diagnostics: diagnostics)
    }

    private func readInParallel(_ files: [CurriculumFile]) -> [FileOutcome] {
        let slots = OutcomeSlots(count: files.count)
        let options = options
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            slots.set(index, FileOutcome.read(files[index], options: options))
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
