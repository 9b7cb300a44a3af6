import WaymarkCurriculum
import WaymarkXML

/// Which files a preview page is made from, by the paths diagnostics give them, so a page shows
/// the problems in its own files (and its programme's programme.xml) in place of itself, and the
/// pages of files without problems go on working.
struct PreviewFiles {
    /// Where the programme's files are: `<root>Curriculum/<folder>/` and `<root>Assessments/<folder>/`.
    let programmeFolder: String
    let assessmentFolder: String
    let programme: Programme
    /// The files the programme's checks loaded from.
    private let loadedAssessments: Set<String>

    /// How the loader begins every path for this display root ("." begins them with nothing).
    static func root(_ displayRoot: String) -> String {
        displayRoot == "." || displayRoot.isEmpty ? "" : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/")
    }

    init(_ programme: Programme, root: String) {
        self.programme = programme
        loadedAssessments = Set(programme.assessments.values.map(\.sourcePath))
        // The programme's folder is where its units are; a programme whose units all failed is
        // looked for in the folder named like its id, as the loader asks folders to be named.
        let fromUnits = programme.modules.lazy.compactMap { module -> String? in
            guard let unit = programme.unit(for: module), unit.sourcePath.hasSuffix("/" + module.unitPath) else { return nil }
            return String(unit.sourcePath.dropLast(module.unitPath.count))
        }.first
        let folder = fromUnits ?? "\(root)Curriculum/\(programme.id)/"
        programmeFolder = folder
        let name = folder.split(separator: "/").last.map(String.init) ?? programme.id
        assessmentFolder = "\(root)Assessments/\(name)/"
    }

    var programmeFile: String { programmeFolder + "programme.xml" }

    /// The unit file a module names, as the loader names it in diagnostics.
    func unitFile(_ module: Module) -> String {
        programme.unit(for: module)?.sourcePath ?? programmeFolder + module.unitPath
    }

    /// Whether a diagnostic's file is one a module's unit page (or check page) is made from.
    func isPart(_ file: String, of module: Module, check: Bool) -> Bool {
        if file == programmeFile { return true }
        guard check else { return file == unitFile(module) }
        if let checkFile = programme.assessment(for: module)?.sourcePath { return file == checkFile }
        // The check did not load, so which file it is in is not known: every assessment file of
        // the programme that did not load may be it.
        return file.hasPrefix(assessmentFolder) && !loadedAssessments.contains(file)
    }

    /// The problems a module's unit page or check page is to show in its place: nothing when
    /// none of its files has an error.
    func problems(_ report: CurriculumReport, module: Module, check: Bool) -> [Diagnostic] {
        let mine = report.diagnostics.filter { isPart($0.file, of: module, check: check) }
        return mine.contains { $0.severity == .error } ? mine : []
    }
}
