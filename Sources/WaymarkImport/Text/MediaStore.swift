import Foundation
import WaymarkCurriculum

/// A file that questions refer to, written next to the assessment.
public struct MediaFile: Sendable, Hashable {
    /// Where it goes, relative to the assessment file: "media/<assessment-id>/flag-uk.jpg".
    public var path: String
    /// Its bytes.
    public var bytes: [UInt8]

    /// A file at this relative path with these bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Whether Waymark can show it as a picture.
    var isImage: Bool {
        PictureFormat.mediaType(ofPath: path) != nil
    }
}

/// Collects the media an import refers to, giving each file a safe, unique, stable name.
final class MediaStore {
    let folder: String
    private(set) var files: [MediaFile] = []

    init(folder: String) {
        self.folder = folder
    }

    /// Adds a file under a safe version of `name` and returns its relative path. The same bytes
    /// under the same name are stored once; different bytes under the same name get "-2", "-3".
    func add(name: String, bytes: [UInt8]) -> MediaFile {
        let base = Self.safeName(name)
        var candidate = "\(folder)/\(base.stem).\(base.ext)"
        var counter = 1
        while let existing = files.first(where: { $0.path == candidate }) {
            if existing.bytes == bytes { return existing }
            counter += 1
            candidate = "\(folder)/\(base.stem)-\(counter).\(base.ext)"
        }
        let file = MediaFile(path: candidate, bytes: bytes)
        files.append(file)
        return file
    }

    /// Letters, digits, dashes and underscores only; the extension kept when it is simple.
    static func safeName(_ name: String) -> (stem: String, ext: String) {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        let decoded = last.removingPercentEncoding ?? last
        let ns = decoded as NSString
        var ext = ns.pathExtension.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        if ext.isEmpty || ext.count > 10 { ext = "bin" }
        var stem = ""
        for scalar in ns.deletingPathExtension.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" {
                stem.unicodeScalars.append(scalar)
            } else if stem.last != "-" {
                stem.append("-")
            }
        }
        stem = String(stem.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(80))
        if stem.isEmpty { stem = "file" }
        // An .xml file under Assessments/ would be read as an assessment.
        if ext == "xml" { return (stem + "-xml", "txt") }
        return (stem, ext)
    }
}
