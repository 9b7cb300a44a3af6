import Foundation
import WaymarkCurriculum
import WaymarkXML

/// Reads QTI 2.1, 2.2 and 3.0 items, from item files, folders or content packages.
///
/// QTI 3.0 writes `qti-choice-interaction max-choices` where 2.x writes `choiceInteraction
/// maxChoices`; names are brought to the 2.x spelling first so one reader serves all versions.
enum QTIReader {
    /// `notes` hears what was read that is not a question: packages, and the tests and other
    /// files a package holds besides its items.
    static func read(_ input: ImportInput, media: MediaStore, notes: inout [String]) -> [SourceQuestion] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input.url.path, isDirectory: &isFolder) else {
            return [fileProblem(input.displayPath, line: 1, "There is no such file or folder.")]
        }
        if isFolder.boolValue {
            let manifest = input.url.appendingPathComponent("imsmanifest.xml")
            if FileManager.default.fileExists(atPath: manifest.path) {
                return readManifest(ImportInput(url: manifest, displayPath: joined(input.displayPath, "imsmanifest.xml")), media: media, notes: &notes)
            }
            let files = xmlFiles(in: input.url)
            if files.isEmpty { return [fileProblem(input.displayPath, line: 1, "This folder holds no .xml files.")] }
            // A package inside the folder is read from its manifest; the files under it are
            // the package's own (items it lists, tests, metadata), not more items to count.
            let manifests = Set(files.filter { ($0 as NSString).lastPathComponent == "imsmanifest.xml" })
            let packages = manifests.map { ($0 as NSString).deletingLastPathComponent }
            var result: [SourceQuestion] = []
            for relative in files {
                let url = input.url.appendingPathComponent(relative)
                let display = joined(input.displayPath, relative)
                if manifests.contains(relative) {
                    result += readManifest(ImportInput(url: url, displayPath: display), media: media, notes: &notes)
                } else if !packages.contains(where: { relative.hasPrefix($0 + "/") }) {
                    result += readItem(ImportInput(url: url, displayPath: display), base: input.url, media: media, inFolder: true, notes: &notes)
                }
            }
            return result
        }
        if input.url.lastPathComponent == "imsmanifest.xml" {
            return readManifest(input, media: media, notes: &notes)
        }
        return readItem(input, base: input.url.deletingLastPathComponent(), media: media, inFolder: false, notes: &notes)
    }

    private static func joined(_ folder: String, _ file: String) -> String {
        folder.hasSuffix("/") ? folder + file : folder + "/" + file
    }

    private static func xmlFiles(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.lowercased().hasSuffix(".xml") { found.append(path) }
        }
        // Byte order, so the same folder always imports in the same order.
        return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func fileProblem(_ file: String, line: Int, _ message: String, type: String = "file") -> SourceQuestion {
        SourceQuestion(
            item: ImportItem(
                file: file,
                line: line,
                name: (file as NSString).lastPathComponent,
                type: type,
                status: .skipped,
                questionID: nil,
                waymarkType: nil,
                messages: [message]
            ),
            question: nil
        )
    }

    // MARK: Content packages

    private static func readManifest(_ input: ImportInput, media: MediaStore, notes: inout [String]) -> [SourceQuestion] {
        let document: ParsedDocument
        do {
            document = try SafeXML.parse(contentsOf: input.url, displayPath: input.displayPath)
        } catch {
            return [fileProblem(input.displayPath, line: error.diagnostics.first?.line ?? 1, error.diagnostics.map(\.message).joined(separator: " "))]
        }
        guard let root = document.root, root.name == "manifest" else {
            return [fileProblem(input.displayPath, line: 1, "This is not an IMS content package manifest: it has no <manifest>.")]
        }
        let folder = input.url.deletingLastPathComponent()
        let displayFolder = (input.displayPath as NSString).deletingLastPathComponent
        var result: [SourceQuestion] = []
        var items = 0
        let firstNote = notes.count
        for resource in descendants(root, named: "resource") {
            let type = resource.attribute("type") ?? ""
            guard let href = resource.attribute("href"), !href.isEmpty else { continue }
            if type.contains("imsqti_item") {
                items += 1
                let display = displayFolder.isEmpty ? href : joined(displayFolder, href)
                let item = ImportInput(url: folder.appendingPathComponent(href), displayPath: display)
                result += readItem(item, base: folder, media: media, inFolder: false, notes: &notes)
            } else if type.contains("imsqti_test") || type.contains("imsqti_assessment") {
                notes.append(
                    "\(input.displayPath):\(resource.location.line): the test \(href) was not read: "
                        + "Waymark imports the items the package lists, not a test's sections or rules."
                )
            }
        }
        if result.isEmpty {
            result.append(fileProblem(input.displayPath, line: root.location.line, "The package lists no QTI items."))
        } else {
            notes.insert(
                "\(input.displayPath): read as a QTI content package listing \(items) item\(items == 1 ? "" : "s"); the manifest itself is not a question.",
                at: firstNote
            )
        }
        return result
    }

    private static func descendants(_ element: ParsedElement, named name: String) -> [ParsedElement] {
        element.children.flatMap { child in child.name == name ? [child] : descendants(child, named: name) }
    }

    // MARK: One item

    /// `base` is the folder the person named (or the package's): media are read only from inside it.
    /// An item found by walking a folder (`inFolder`) whose root is not an item is some other
    /// part of a package (a test, metadata): noted, not counted as a skipped question.
    private static func readItem(_ input: ImportInput, base: URL, media: MediaStore, inFolder: Bool, notes: inout [String]) -> [SourceQuestion] {
        let document: ParsedDocument
        do {
            document = try SafeXML.parse(contentsOf: input.url, displayPath: input.displayPath)
        } catch {
            return [fileProblem(input.displayPath, line: error.diagnostics.first?.line ?? 1, error.diagnostics.map(\.message).joined(separator: " "))]
        }
        guard let root = document.root else { return [fileProblem(input.displayPath, line: 1, "The file is empty.")] }
        guard QTIName.canonical(root.name) == "assessmentItem" else {
            if inFolder {
                notes.append("\(input.displayPath): not read, as it is not a QTI item (it holds a <\(root.name)>).")
                return []
            }
            return [
                fileProblem(input.displayPath, line: root.location.line, "This is not a QTI item: its root is <\(root.name)>, not <assessmentItem>.")
            ]
        }
        var item = QTIItem(root: root, input: input, base: base, media: media)
        return [item.read()]
    }
}

/// QTI 3.0 names in QTI 2.x spelling: `qti-choice-interaction` → `choiceInteraction`.
enum QTIName {
    static func canonical(_ name: String) -> String {
        guard name.hasPrefix("qti-") else { return name }
        let parts = name.dropFirst(4).split(separator: "-")
        guard let first = parts.first else { return name }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `maxChoices` → `max-choices`.
    static func kebab(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "-" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension ParsedElement {
    /// A QTI attribute in 2.x or 3.0 spelling.
    func qti(_ name: String) -> String? {
        attribute(name) ?? attribute(QTIName.kebab(name))
    }

    var qtiName: String { QTIName.canonical(name) }

    func qtiChildren(_ name: String) -> [ParsedElement] {
        children.filter { $0.qtiName == name }
    }

    func qtiChild(_ name: String) -> ParsedElement? {
        children.first { $0.qtiName == name }
    }
}
