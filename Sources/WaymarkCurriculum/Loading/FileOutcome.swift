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
    var diagnostics: [Diagnostic]

    /// Parses, checks against the schema and reads one file. Runs on any thread: everything
    /// libxml2 touches here belongs to this call alone (apart from the read-only schema).
    static func read(_ file: CurriculumFile, options: XMLParseOptions) -> FileOutcome {
        let document: ParsedDocument
        do {
            document = try SafeXML.parse(contentsOf: file.url, displayPath: file.displayPath, options: options)
        } catch {
            return FileOutcome(file: file, content: .none, diagnostics: error.diagnostics)
        }
        var diagnostics = document.warnings
        guard let root = document.root else {
            return FileOutcome(file: file, content: .none, diagnostics: diagnostics)
        }
        let expected = file.kind.rawValue
        guard root.namespaceURI == CurriculumSchema.namespace else {
            diagnostics.append(
                .error(
                    file.displayPath,
                    root.location,
                    "The <\(root.name)> element needs xmlns=\"\(CurriculumSchema.namespace)\" so Waymark knows it is curriculum."
                )
            )
            return FileOutcome(file: file, content: .none, diagnostics: diagnostics)
        }
        guard root.name == expected else {
            diagnostics.append(.error(file.displayPath, root.location, misplacedMessage(found: root.name, file: file)))
            return FileOutcome(file: file, content: .none, diagnostics: diagnostics)
        }
        switch CurriculumSchema.compiled {
        case .success(let schema): diagnostics += schema.validate(document)
        case .failure(let failure): diagnostics += failure.diagnostics
        }

        var reader = FileReader(path: file.displayPath)
        let content: Content
        switch file.kind {
        case .programme: content = .programme(reader.readProgramme(root))
        case .unit: content = .unit(reader.readUnit(root))
        case .assessment: content = .assessment(reader.readAssessment(root))
        }
        return FileOutcome(file: file, content: content, diagnostics: diagnostics + reader.diagnostics)
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
