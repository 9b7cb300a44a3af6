/// A document that could not be read as XML at all, with every reason libxml2 or Waymark gave.
public struct ParseFailure: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they were found; never empty.
    public var diagnostics: [Diagnostic]

    /// A failure carrying these problems.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
