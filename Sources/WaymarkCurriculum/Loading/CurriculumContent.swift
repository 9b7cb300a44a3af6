import Foundation
import WaymarkXML

/// Every file of a curriculum folder (under `Curriculum/` and `Assessments/`, the XML and the
/// pictures beside it) as bytes: what a stored curriculum version keeps, so that every server
/// can run exactly the files one of them checked.
///
/// Only ordinary files inside the folder are taken (`ContainedFile`), hidden ones are left
/// out as the loader leaves them out, and a file or a folder past its budget is refused whole
/// rather than stored in part.
public struct CurriculumContent: Sendable, Equatable {
    /// One file, by its path inside the folder (`Curriculum/peer-mentoring/programme.xml`).
    public struct File: Sendable, Equatable {
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The files, sorted by path (so the same folder always gives the same list).
    public private(set) var files: [File]

    /// The largest file taken (a picture or an XML file); larger ones refuse the folder.
    public static let maximumFileBytes = 20_000_000
    /// The most a whole folder may hold.
    public static let maximumTotalBytes = 200_000_000

    /// These files, put in path order.
    public init(files: [File]) {
        self.files = files.sorted { $0.path < $1.path }
    }

    /// How many bytes the files hold together.
    public var totalBytes: Int {
        files.reduce(0) { $0 + $1.bytes.count }
    }

    /// Reads every file of the folder at `directory`.
    public static func read(from directory: URL) throws(CurriculumFolderError) -> CurriculumContent {
        var files: [File] = []
        var total = 0
        for top in ["Curriculum", "Assessments"] {
            let base = directory.appendingPathComponent(top)
            guard let walk = FileManager.default.enumerator(atPath: base.path) else { continue }
            while let relative = walk.nextObject() as? String {
                guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
                let url = base.appendingPathComponent(relative)
                // Folders, links leading out and named pipes are not files to keep; the loader
                // names any of them that should have been a curriculum file.
                guard case .readable(let real) = ContainedFile.check(url, inside: directory) else { continue }
                switch FileBytes.load(real, limit: maximumFileBytes, followingLinks: false) {
                case .bytes(let bytes):
                    total += bytes.count
                    guard total <= maximumTotalBytes else {
                        throw CurriculumFolderError(
                            description: "The curriculum folder holds more than \(maximumTotalBytes / 1_000_000) MB, too much to keep as a version."
                        )
                    }
                    files.append(File(path: top + "/" + relative, bytes: bytes))
                case .tooLarge(let size):
                    throw CurriculumFolderError(
                        description: "\(top)/\(relative) is \(size / 1_000_000) MB, larger than the \(maximumFileBytes / 1_000_000) MB a curriculum file may be."
                    )
                case .unreadable(let why):
                    throw CurriculumFolderError(description: "\(top)/\(relative) cannot be read: \(why)")
                }
            }
        }
        return CurriculumContent(files: files)
    }

    /// Writes the files into `directory` (which should be new and empty), making folders as
    /// needed. Paths that could leave the folder are refused: stored paths come from a database.
    public func write(to directory: URL) throws(CurriculumFolderError) {
        let manager = FileManager.default
        for file in files {
            guard Self.isSafe(file.path) else {
                throw CurriculumFolderError(description: "A stored curriculum file has the path '\(file.path)', which is not allowed.")
            }
            let url = directory.appendingPathComponent(file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            } catch {
                throw CurriculumFolderError(description: "\(file.path) could not be written to \(directory.path): \(error.localizedDescription)")
            }
        }
    }

    /// A relative path under `Curriculum/` or `Assessments/` with no `..`, `.` or empty part.
    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "Curriculum" || parts[0] == "Assessments" else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") }
    }
}
