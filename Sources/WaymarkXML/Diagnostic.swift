/// One problem found in a file, printed the way compilers do so editors can jump to it:
/// `path:line:col: error: message`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is: errors stop a curriculum from loading, warnings do not.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    /// Whether this problem stops the file from loading.
    public var severity: Severity
    /// The file's path as the person gave it (relative to where they ran the command).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
    /// What is wrong, in plain words.
    public var message: String

    /// Makes a diagnostic at a location in a file.
    public init(_ severity: Severity, file: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = location.line
        self.column = location.column
        self.message = message
    }

    /// Makes an error at a location in a file.
    public static func error(_ file: String, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, at: location, message)
    }

    /// Makes a warning at a location in a file.
    public static func warning(_ file: String, _ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, at: location, message)
    }

    /// `path:line:col: severity: message`.
    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }

    /// The order people read a report in: by file, then line, then column.
    public static func readingOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// A place in a text file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int

    /// A location at the given line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The very start of a file, used for problems with the file as a whole.
    public static let startOfFile = SourceLocation(line: 1, column: 1)

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}
