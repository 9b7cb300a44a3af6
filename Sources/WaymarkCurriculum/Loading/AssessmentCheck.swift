import WaymarkXML

extension CurriculumLoader {
    /// Checks one assessment document on its own, as `load(from:)` checks each assessment file:
    /// well-formed, the curriculum namespace, the schema, then the reader's own checks (a correct
    /// answer in every choice question, weights that add up, ...). Cross-file checks need the
    /// whole folder and are not made here.
    ///
    /// Used by importers to refuse to write a file that `waymark validate` would reject.
    public func checkAssessment(_ bytes: [UInt8], displayPath: String) -> (assessment: Assessment?, diagnostics: [Diagnostic]) {
        let document: ParsedDocument
        do {
            document = try SafeXML.parse(bytes, displayPath: displayPath, options: options)
        } catch {
            return (nil, error.diagnostics)
        }
        var diagnostics = DiagnosticCollector()
        diagnostics.add(contentsOf: document.warnings)
        guard let root = document.root, root.namespaceURI == CurriculumSchema.namespace, root.name == "assessment" else {
            diagnostics.add(
                .error(displayPath, document.root?.location ?? .startOfFile, "Expected an <assessment> in \(CurriculumSchema.namespace).")
            )
            return (nil, diagnostics.finished().diagnostics)
        }
        switch CurriculumSchema.compiled {
        case .success(let schema): schema.validate(document, into: &diagnostics)
        case .failure(let failure): diagnostics.add(contentsOf: failure.diagnostics)
        }
        var reader = FileReader(path: displayPath)
        reader.checkPictures(in: root)
        let file = reader.readAssessment(root)
        diagnostics.add(contentsOf: reader.diagnostics)
        return (file.assessment, diagnostics.finished().diagnostics)
    }
}
