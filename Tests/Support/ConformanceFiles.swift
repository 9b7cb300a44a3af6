import Foundation

/// Files written by other projects (Moodle XML banks, QTI items, Open Badges credentials) that
/// Waymark is checked against. They are not in the repository: the conformance tests read them
/// from the folder named by `WAYMARK_FIXTURES`, and are reported as skipped, with the reason,
/// when it is not set. Once it is set, a missing folder fails those tests instead of skipping
/// them, so CI can never stop running them without a word.
public enum ConformanceFiles {
    public static let variable = "WAYMARK_FIXTURES"

    public static let skipReason =
        "conformance test skipped: set \(variable) to a folder of other projects' files (moodle-xml/, qti/, openbadges/); .ci/run does"

    /// The folder, when the variable names one (relative paths are taken from the working directory).
    public static var folder: URL? {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    /// Whether the conformance tests run: the variable is set (to a folder that exists or not).
    public static var requested: Bool { folder != nil }

    /// A file or folder inside it; throws, naming the variable, when the folder is not there.
    public static func url(_ relativePath: String) throws -> URL {
        guard let folder else { throw Missing(message: skipReason) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Missing(message: "\(variable) names \(folder.path), which is not a folder")
        }
        return folder.appendingPathComponent(relativePath)
    }

    public struct Missing: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

/// Sample files this project wrote itself for its tests, under `Tests/Samples`.
public enum SampleFiles {
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")

    public static func url(_ relativePath: String) -> URL {
        folder.appendingPathComponent(relativePath)
    }
}
