/// Problems found while reading files, keeping at most `limitPerFile` of each file and counting
/// the rest.
///
/// Working out where a problem is written costs a scan of the file, so a file with 10,000
/// problems used to cost 10,000 scans (40 seconds for a 99 kB file). Past the limit a problem is
/// only counted: its place and its words are never worked out, and the report ends the file
/// with one line saying how many more there are.
public struct DiagnosticCollector: Sendable {
    /// How many problems of one file are shown unless asked otherwise.
    public static let defaultLimitPerFile = 100

    /// How many problems of one file are kept with their place and words.
    public let limitPerFile: Int
    private var kept: [Diagnostic] = []
    private var files: [String: FileCount] = [:]

    private struct FileCount: Sendable {
        var kept = 0
        var omittedErrors = 0
        var omittedWarnings = 0
    }

    /// A collector keeping `limitPerFile` problems of each file (at least one).
    public init(limitPerFile: Int = DiagnosticCollector.defaultLimitPerFile) {
        self.limitPerFile = max(1, limitPerFile)
    }

    /// Adds a problem; its location and message are worked out only if it is kept.
    public mutating func add(
        _ severity: Diagnostic.Severity,
        _ file: String,
        at location: () -> SourceLocation,
        _ message: () -> String
    ) {
        var count = files[file] ?? FileCount()
        if count.kept < limitPerFile {
            count.kept += 1
            kept.append(Diagnostic(severity, file: file, at: location(), message()))
        } else if severity == .error {
            count.omittedErrors += 1
        } else {
            count.omittedWarnings += 1
        }
        files[file] = count
    }

    /// Adds a problem already worked out.
    public mutating func add(_ diagnostic: Diagnostic) {
        add(diagnostic.severity, diagnostic.file, at: { SourceLocation(line: diagnostic.line, column: diagnostic.column) }, { diagnostic.message })
    }

    /// Adds problems already worked out.
    public mutating func add(contentsOf diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { add(diagnostic) }
    }

    /// Adds everything another collector kept and counted.
    public mutating func add(contentsOf other: DiagnosticCollector) {
        add(contentsOf: other.kept)
        for (file, count) in other.files where count.omittedErrors > 0 || count.omittedWarnings > 0 {
            var mine = files[file] ?? FileCount()
            mine.omittedErrors += count.omittedErrors
            mine.omittedWarnings += count.omittedWarnings
            files[file] = mine
        }
    }

    /// Whether another problem in `file` would still be kept.
    public func keepsMore(in file: String) -> Bool {
        (files[file]?.kept ?? 0) < limitPerFile
    }

    /// Whether any problem so far is an error.
    public var hasErrors: Bool {
        kept.contains { $0.severity == .error } || files.values.contains { $0.omittedErrors > 0 }
    }

    /// The problems kept, in reading order, at most `limitPerFile` of each file; a file with
    /// more ends with one line saying how many more there are, still as `path:line:col`.
    public func finished() -> DiagnosticReport {
        let sorted = kept.sorted(by: Diagnostic.readingOrder)
        var result: [Diagnostic] = []
        var omittedErrors = 0
        var omittedWarnings = 0
        var index = 0
        while index < sorted.count {
            let file = sorted[index].file
            var end = index
            while end < sorted.count, sorted[end].file == file { end += 1 }
            let shownEnd = min(end, index + limitPerFile)
            result += sorted[index..<shownEnd]
            let dropped = sorted[shownEnd..<end]
            let earlier = files[file] ?? FileCount()
            let errors = earlier.omittedErrors + dropped.filter { $0.severity == .error }.count
            let warnings = earlier.omittedWarnings + dropped.filter { $0.severity == .warning }.count
            if errors + warnings > 0 {
                // Placed at the first problem not shown, so the line sorts after the ones shown.
                let place = dropped.first ?? sorted[shownEnd - 1]
                result.append(
                    Diagnostic(
                        errors > 0 ? .error : .warning,
                        file: file,
                        at: SourceLocation(line: place.line, column: place.column),
                        Self.moreMessage(errors + warnings)
                    )
                )
                omittedErrors += errors
                omittedWarnings += warnings
            }
            index = end
        }
        // Files whose every problem was only counted (none kept) cannot happen: the first
        // `limitPerFile` of a file are always kept before any is counted.
        return DiagnosticReport(diagnostics: result, omittedErrorCount: omittedErrors, omittedWarningCount: omittedWarnings)
    }

    static let moreEnding = "in this file, not shown. Fix the ones above, then check again to see the rest."

    static func moreMessage(_ count: Int) -> String {
        "and \(count) more \(count == 1 ? "problem" : "problems") \(moreEnding)"
    }
}

extension Diagnostic {
    /// Whether this is the line that ends a file's problems with "and N more".
    public var isMoreLine: Bool {
        message.hasPrefix("and ") && message.hasSuffix(DiagnosticCollector.moreEnding)
    }
}

/// Problems ready to show: at most a set number per file, and how many were left out.
public struct DiagnosticReport: Sendable {
    /// What to show, in reading order, with one "and N more" line per file that had more.
    public var diagnostics: [Diagnostic]
    /// Errors counted but not shown.
    public var omittedErrorCount: Int
    /// Warnings counted but not shown.
    public var omittedWarningCount: Int
}
