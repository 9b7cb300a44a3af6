import Foundation
import WaymarkXML

/// One file after reading: its model (if it could be read) and its own problems.
struct FileOutcome: Sendable {
    enum Content: Sendable {
        case programme(ProgrammeFile)
        case unit(UnitFile)
        case assessment(AssessmentFile)
        /// Not readable, or not the kind of document its folder calls for.
        case none
    }

    var file: CurriculumFile
    var content: Content
    var diagnostics: DiagnosticCollector

    /// Parses, checks against the schema and reads one file. Runs on any thread: everything
    /// libxml2 touches here belongs to this call alone (apart from the read-only schema).
    static func read(_ file: CurriculumFile, options: XMLParseOptions, timeBudget: Duration) -> FileOutcome {
        let started = ContinuousClock.now
        var diagnostics = DiagnosticCollector()
        func outcome(_ content: Content) -> FileOutcome {
            FileOutcome(file: file, content: content, diagnostics: diagnostics)
        }
        // Each step is bounded by the file's size and element count; the budget is there so that
        // a file which is still slow to check is named, instead of holding up the whole load.
        func overBudget() -> Bool {
            guard ContinuousClock.now - started > timeBudget else { return false }
            diagnostics.add(.error(file.displayPath, .startOfFile, timeBudgetMessage(timeBudget)))
            return true
        }
        guard case .readable(let realPath) = file.verdict else {
            diagnostics.add(.error(file.displayPath, .startOfFile, ContainedFile.refusal(file.verdict) ?? ""))
            return outcome(.none)
        }
        let document: ParsedDocument
        do {
            document = try SafeXML.parse(
                contentsOf: URL(fileURLWithPath: realPath),
                displayPath: file.displayPath,
                options: options,
                followingLinks: false
            )
        } catch {
            diagnostics.add(contentsOf: error.diagnostics)
            return outcome(.none)
        }
        diagnostics.add(contentsOf: document.warnings)
        guard let root = document.root, !overBudget() else { return outcome(.none) }
        let expected = file.kind.rawValue
        guard root.namespaceURI == CurriculumSchema.namespace else {
            diagnostics.add(
                .error(
                    file.displayPath,
                    root.location,
                    "The <\(root.name)> element needs xmlns=\"\(CurriculumSchema.namespace)\" so Waymark knows it is curriculum."
                )
            )
            return outcome(.none)
        }
        guard root.name == expected else {
            diagnostics.add(.error(file.displayPath, root.location, misplacedMessage(found: root.name, file: file)))
            return outcome(.none)
        }
        switch CurriculumSchema.compiled {
        case .success(let schema): schema.validate(document, into: &diagnostics)
        case .failure(let failure): diagnostics.add(contentsOf: failure.diagnostics)
        }
        guard !overBudget() else { return outcome(.none) }

        var reader = FileReader(path: file.displayPath)
        reader.checkPictures(in: root)
        let content: Content
        switch file.kind {
        case .programme: content = .programme(reader.readProgramme(root))
        case .unit: content = .unit(reader.readUnit(root))
        case .assessment: content = .assessment(reader.readAssessment(root))
        }
        diagnostics.add(contentsOf: reader.diagnostics)
        guard !overBudget() else { return outcome(.none) }
        return outcome(content)
    }

    private static func timeBudgetMessage(_ budget: Duration) -> String {
        "Checking this file took longer than \(budget.components.seconds) seconds, so Waymark stopped. Split it into smaller files."
    }

    private static func misplacedMessage(found: String, file: CurriculumFile) -> String {
        switch (file.kind, found) {
        case (.unit, "assessment"):
            "This is an <assessment>, but it is in Curriculum/\(file.programmeFolder)/. Move it to Assessments/\(file.programmeFolder)/."
        case (.assessment, "unit"):
            "This is a <unit>, but it is in Assessments/\(file.programmeFolder)/. Move it to Curriculum/\(file.programmeFolder)/units/."
        case (.programme, _):
            "programme.xml must hold a <programme>, not a <\(found)>."
        default:
            "Expected a <\(file.kind.rawValue)> here, but found <\(found)>."
        }
    }
}
