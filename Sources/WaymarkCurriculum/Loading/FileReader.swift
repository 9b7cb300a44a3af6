import WaymarkXML

/// Reads one document into model values, collecting the problems found on the way.
///
/// The schema has already checked the structure; a reader stays tolerant anyway (a missing
/// attribute becomes an empty value) so that one broken file still yields the cross-file checks.
struct FileReader {
    /// The file as named in diagnostics.
    let path: String
    /// Where a problem is written is worked out only for the problems kept.
    private(set) var diagnostics = DiagnosticCollector()

    init(path: String) {
        self.path = path
    }

    mutating func error(_ element: ParsedElement, attribute: String? = nil, _ message: String) {
        diagnostics.add(.error, path, at: { attribute.map { element.location(ofAttribute: $0) } ?? element.location }, { message })
    }

    mutating func warning(_ element: ParsedElement, attribute: String? = nil, _ message: String) {
        diagnostics.add(.warning, path, at: { attribute.map { element.location(ofAttribute: $0) } ?? element.location }, { message })
    }

    /// The first child element with this name.
    func child(_ element: ParsedElement, _ name: StaticString) -> ParsedElement? {
        element.children.first { $0.isNamed(name) }
    }

    /// Every child element with this name.
    func children(_ element: ParsedElement, _ name: StaticString) -> [ParsedElement] {
        element.children.filter { $0.isNamed(name) }
    }

    /// A text value with spaces folded, as people expect a title to read.
    func title(_ element: ParsedElement?) -> String {
        element?.foldedText ?? ""
    }

    func int(_ element: ParsedElement, _ name: String) -> Int? {
        element.attribute(name).flatMap { Int($0.trimmingWhitespace) }
    }

    func double(_ element: ParsedElement, _ name: String) -> Double? {
        element.attribute(name).flatMap { Double($0.trimmingWhitespace) }
    }

    func bool(_ element: ParsedElement, _ name: String, default value: Bool) -> Bool {
        switch element.attribute(name)?.trimmingWhitespace {
        case "true", "1": true
        case "false", "0": false
        default: value
        }
    }

    func idList(_ element: ParsedElement, _ name: String) -> [String] {
        element.attribute(name).map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? []
    }
}

/// Where an id was written, so a second use can point back to the first.
struct IDAnchor: Sendable {
    var id: String
    var file: String
    /// Worked out only if a check across files needs to point here.
    var location: DeferredLocation

    /// `file:line`, to name the first use of an id.
    var reference: String { "\(file):\(location.resolve().line)" }

    /// Whether both anchors are the same place (same file, same id).
    func isSame(as other: IDAnchor) -> Bool {
        file == other.file && id == other.id
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
