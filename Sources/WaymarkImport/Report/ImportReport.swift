import WaymarkXML

/// What happened to one question (or one file) of the source.
public struct ImportItem: Sendable, Hashable, Codable {
    /// Whether it came in.
    public enum Status: String, Sendable, Hashable, Codable {
        case imported
        case importedWithWarnings = "imported-with-warnings"
        case skipped
    }

    /// The source file, as the person named it.
    public var file: String
    /// The line of the question in that file.
    public var line: Int
    /// The question's name (Moodle) or title/identifier (QTI).
    public var name: String
    /// The source's type: "multichoice", "choiceInteraction", ...
    public var type: String
    /// Whether it came in.
    public var status: Status
    /// The Waymark question it became, with its id.
    public var questionID: String?
    /// The Waymark element it became, such as "single-choice".
    public var waymarkType: String?
    /// Warnings (what was not kept) or, when skipped, why.
    public var messages: [String]

    /// An item with every field given.
    public init(file: String, line: Int, name: String, type: String, status: Status, questionID: String?, waymarkType: String?, messages: [String]) {
        self.file = file
        self.line = line
        self.name = name
        self.type = type
        self.status = status
        self.questionID = questionID
        self.waymarkType = waymarkType
        self.messages = messages
    }

    /// `file:line`, where a person can look.
    public var place: String { "\(file):\(line)" }
}

/// The whole import: every item, what was written, and any problem with the result.
public struct ImportReport: Sendable, Hashable, Codable {
    /// One entry per source question, and per source file that could not be read at all.
    public var items: [ImportItem]
    /// Problems with the assessment that would be written (errors mean nothing is written).
    public var diagnostics: [Diagnostic]
    /// Media files written beside the assessment, relative to it.
    public var media: [String]
    /// What was read that is not a question, such as a content package's manifest, each
    /// beginning with the file it is about.
    public var notes: [String]

    /// A report with every field given.
    public init(items: [ImportItem], diagnostics: [Diagnostic], media: [String], notes: [String] = []) {
        self.items = items
        self.diagnostics = diagnostics
        self.media = media
        self.notes = notes
    }

    /// Items that came in without a word to say.
    public var importedCount: Int { items.filter { $0.status == .imported }.count }
    /// Items that came in, with something not kept.
    public var warningCount: Int { items.filter { $0.status == .importedWithWarnings }.count }
    /// Items left out.
    public var skippedCount: Int { items.filter { $0.status == .skipped }.count }
    /// Whether the assessment would fail validation.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The process exit status the issue asks for: 0 everything came in, 3 some were skipped,
    /// 1 nothing came in or the result would not validate.
    public var exitStatus: Int32 {
        if hasErrors || importedCount + warningCount == 0 { return 1 }
        return skippedCount > 0 ? 3 : 0
    }
}
