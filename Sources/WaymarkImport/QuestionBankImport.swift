import Foundation
import WaymarkCurriculum
import WaymarkXML

/// What the person asked for: the assessment's id, title and pass mark.
public struct ImportOptions: Sendable {
    /// The assessment id, also the media folder's name.
    public var assessmentID: String
    /// The title people see.
    public var title: String
    /// The pass mark, in percent.
    public var passMark: Double
    /// The file name the written assessment will have, as shown in the report.
    public var displayPath: String

    /// Options with every field given.
    public init(assessmentID: String, title: String, passMark: Double, displayPath: String) {
        self.assessmentID = assessmentID
        self.title = title
        self.passMark = passMark
        self.displayPath = displayPath
    }

    /// Where media go, relative to the assessment file.
    var mediaFolder: String { "media/\(assessmentID)" }
}

/// One file to import, with the path shown in the report.
public struct ImportInput: Sendable {
    /// Where the file is.
    public var url: URL
    /// How the report names it (what the person typed).
    public var displayPath: String

    /// An input with every field given.
    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
    }

    /// An input named by its path as typed.
    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path), displayPath: path)
    }
}

/// The result of an import: the assessment, its canonical XML, its media and the report.
/// Nothing is written until `write(to:)` is called, and that refuses an invalid result.
public struct ImportOutcome: Sendable {
    /// The assessment as Waymark reads it back from `xml`; nil when nothing could be imported.
    public var assessment: Assessment?
    /// The canonical document; nil when nothing could be imported.
    public var xml: [UInt8]?
    /// Files to write beside the assessment.
    public var media: [MediaFile]
    /// What came in, what did not and why.
    public var report: ImportReport

    /// Whether there is a valid document to write.
    public var canWrite: Bool { xml != nil && !report.hasErrors }

    /// Writes the assessment to `url` and its media beside it. Throws, and writes nothing, when
    /// the result would not pass validation.
    public func write(to url: URL) throws {
        guard canWrite, let xml else {
            throw ImportWriteError(description: "Nothing was written: the assessment would not pass validation.")
        }
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in media {
            let target = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: target, options: .atomic)
        }
        try Data(xml).write(to: url, options: .atomic)
    }
}

/// Writing an import failed.
public struct ImportWriteError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in plain words.
    public var description: String
}

/// One source question after reading: what the report says and, unless skipped, the question.
struct SourceQuestion {
    var item: ImportItem
    /// `id` holds the source name or identifier, not yet made into a unique Waymark id.
    var question: Question?
    /// Media paths this question refers to.
    var media: [String] = []
}

/// Imports question banks into Waymark assessments.
public enum QuestionBankImport {
    /// Imports Moodle XML files, telling `progress` how many of them have been read.
    public static func moodle(
        _ inputs: [ImportInput],
        options: ImportOptions,
        progress: (_ read: Int, _ of: Int) -> Void = { _, _ in }
    ) -> ImportOutcome {
        let store = MediaStore(folder: options.mediaFolder)
        var sources: [SourceQuestion] = []
        for (number, input) in inputs.enumerated() {
            sources += MoodleReader(input: input, media: store).read()
            progress(number + 1, inputs.count)
        }
        return build(sources, media: store, options: options)
    }

    /// Imports QTI 2.1, 2.2 and 3.0 items: files, folders and content packages (imsmanifest.xml).
    /// `progress` hears how many of the inputs have been read.
    public static func qti(
        _ inputs: [ImportInput],
        options: ImportOptions,
        progress: (_ read: Int, _ of: Int) -> Void = { _, _ in }
    ) -> ImportOutcome {
        let store = MediaStore(folder: options.mediaFolder)
        var sources: [SourceQuestion] = []
        var notes: [String] = []
        for (number, input) in inputs.enumerated() {
            sources += QTIReader.read(input, media: store, notes: &notes)
            progress(number + 1, inputs.count)
        }
        return build(sources, media: store, options: options, notes: notes)
    }

    /// Gives each question a unique stable id, checks each one on its own (a question Waymark
    /// would refuse is skipped with the reason), then writes and checks the whole assessment.
    /// `notes` are what the report says besides the questions (a package was read, ...).
    static func build(_ sources: [SourceQuestion], media: MediaStore, options: ImportOptions, notes: [String] = []) -> ImportOutcome {
        let loader = CurriculumLoader()
        var ids = UniqueIDs()
        var items: [ImportItem] = []
        var questions: [Question] = []
        var usedMedia: Set<String> = []
        for source in sources {
            var item = source.item
            guard var question = source.question else {
                item.status = .skipped
                items.append(item)
                continue
            }
            question.id = ids.claim(Slug.make(question.id, fallback: "question"))
            item.questionID = question.id
            item.waymarkType = question.kind.typeName
            let single = Assessment(
                id: "check",
                title: "Check",
                passMark: 0,
                maximumAttempts: nil,
                coolDownHours: nil,
                introduction: [],
                questions: [question],
                sourcePath: options.displayPath
            )
            let written = AssessmentWriter.xml(single)
            let checked = loader.checkAssessment(Array(written.utf8), displayPath: options.displayPath)
            let errors = checked.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                item.status = .skipped
                item.questionID = nil
                item.messages += errors.map { "Waymark would refuse it: \($0.message)" }
                items.append(item)
                continue
            }
            item.messages += checked.diagnostics.map(\.message).filter { !item.messages.contains($0) }
            if MathNotation.isUsed(in: written) { item.messages.append(MathNotation.message) }
            item.status = item.messages.isEmpty ? .imported : .importedWithWarnings
            items.append(item)
            questions.append(question)
            usedMedia.formUnion(source.media)
        }
        let files = media.files.filter { usedMedia.contains($0.path) }
        guard !questions.isEmpty else {
            return ImportOutcome(assessment: nil, xml: nil, media: [], report: ImportReport(items: items, diagnostics: [], media: [], notes: notes))
        }
        let assessment = Assessment(
            id: options.assessmentID,
            title: options.title,
            passMark: options.passMark,
            maximumAttempts: nil,
            coolDownHours: nil,
            introduction: [],
            questions: questions,
            sourcePath: options.displayPath
        )
        let bytes = Array(AssessmentWriter.xml(assessment).utf8)
        let checked = loader.checkAssessment(bytes, displayPath: options.displayPath)
        let report = ImportReport(items: items, diagnostics: checked.diagnostics, media: files.map(\.path), notes: notes)
        return ImportOutcome(assessment: checked.assessment, xml: bytes, media: files, report: report)
    }
}
