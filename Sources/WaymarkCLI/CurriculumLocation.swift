import ArgumentParser
import Foundation

/// Where the curriculum is when a command is not told.
enum CurriculumLocation {
    /// The folder to use: the one given, else the current folder when it holds `Curriculum/`,
    /// else the curriculum bundled in this repository (so `swift run` works from anywhere).
    static func resolve(_ given: String?) throws -> (url: URL, display: String) {
        if let given {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("The folder '\(given)' does not exist.")
            }
            return (URL(fileURLWithPath: given, isDirectory: true), given)
        }
        if FileManager.default.fileExists(atPath: "Curriculum") {
            return (URL(fileURLWithPath: ".", isDirectory: true), ".")
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: repository.appendingPathComponent("Curriculum").path) {
            return (repository, repository.path)
        }
        throw ValidationError("No curriculum folder given, and there is no Curriculum/ folder here.")
    }
}
