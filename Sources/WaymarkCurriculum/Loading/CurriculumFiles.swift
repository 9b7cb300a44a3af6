import Foundation
import WaymarkXML

/// What a curriculum file should hold, decided by where it sits.
enum DocumentKind: String, Sendable {
    case programme
    case unit
    case assessment
}

/// One file to read.
struct CurriculumFile: Sendable {
    var url: URL
    /// The path shown in diagnostics.
    var displayPath: String
    /// The programme folder it belongs to.
    var programmeFolder: String
    /// For units: the path relative to the programme folder, as modules refer to it.
    var relativePath: String
    var kind: DocumentKind
    /// Whether it may be read, found without opening it.
    var verdict: ContainedFile.Verdict
}

/// The files of a curriculum folder, found by the layout docs/curriculum-format.md describes:
/// `Curriculum/<programme>/programme.xml`, `Curriculum/<programme>/**/*.xml` (units) and
/// `Assessments/<programme>/**/*.xml`.
struct CurriculumFiles: Sendable {
    var programmeFolders: [String]
    var assessmentFolders: [String]
    /// Programme folders that have units but no programme.xml.
    var foldersWithoutProgramme: [String]
    var all: [CurriculumFile]
    var displayRoot: String

    static func discover(in directory: URL, displayRoot: String) throws(CurriculumFolderError) -> CurriculumFiles {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CurriculumFolderError(description: "\(displayRoot) is not a folder.")
        }
        let curriculum = directory.appendingPathComponent("Curriculum")
        guard manager.fileExists(atPath: curriculum.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CurriculumFolderError(
                description: "\(displayRoot) has no Curriculum folder. Give the folder that holds Curriculum/ and Assessments/."
            )
        }
        let root = displayRoot == "." || displayRoot.isEmpty ? "" : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/")

        var files: [CurriculumFile] = []
        let programmeFolders = subfolders(of: curriculum)
        var foldersWithoutProgramme: [String] = []
        for folder in programmeFolders {
            let base = curriculum.appendingPathComponent(folder)
            if !manager.fileExists(atPath: base.appendingPathComponent("programme.xml").path) {
                foldersWithoutProgramme.append(folder)
            } else {
                files.append(
                    CurriculumFile(
                        url: base.appendingPathComponent("programme.xml"),
                        displayPath: "\(root)Curriculum/\(folder)/programme.xml",
                        programmeFolder: folder,
                        relativePath: "programme.xml",
                        kind: .programme,
                        verdict: ContainedFile.check(base.appendingPathComponent("programme.xml"), inside: directory)
                    )
                )
            }
            for relative in xmlFiles(under: base) where relative != "programme.xml" {
                files.append(
                    CurriculumFile(
                        url: base.appendingPathComponent(relative),
                        displayPath: "\(root)Curriculum/\(folder)/\(relative)",
                        programmeFolder: folder,
                        relativePath: relative,
                        kind: .unit,
                        verdict: ContainedFile.check(base.appendingPathComponent(relative), inside: directory)
                    )
                )
            }
        }
        let assessments = directory.appendingPathComponent("Assessments")
        let assessmentFolders = subfolders(of: assessments)
        for folder in assessmentFolders {
            for relative in xmlFiles(under: assessments.appendingPathComponent(folder)) {
                files.append(
                    CurriculumFile(
                        url: assessments.appendingPathComponent(folder).appendingPathComponent(relative),
                        displayPath: "\(root)Assessments/\(folder)/\(relative)",
                        programmeFolder: folder,
                        relativePath: relative,
                        kind: .assessment,
                        verdict: ContainedFile.check(assessments.appendingPathComponent(folder).appendingPathComponent(relative), inside: directory)
                    )
                )
            }
        }
        return CurriculumFiles(
            programmeFolders: programmeFolders,
            assessmentFolders: assessmentFolders,
            foldersWithoutProgramme: foldersWithoutProgramme,
            all: files,
            displayRoot: root
        )
    }

    private static func subfolders(of url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Paths of `.xml` files below a folder, relative to it, sorted.
    private static func xmlFiles(under url: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: url.path) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".xml"), !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                result.append(relative)
            }
        }
        return result.sorted()
    }
}
