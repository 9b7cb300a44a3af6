import Foundation
import WaymarkCurriculum

/// The real bundled peer-mentoring programme, loaded from the repository's curriculum as the
/// server loads it.
public func peerMentoring() throws -> Programme {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let report = try CurriculumLoader().load(from: root, displayRoot: ".")
    guard let programme = report.curriculum.programme("peer-mentoring") else { throw BundledCurriculumError.missing("peer-mentoring") }
    return programme
}

/// The bundled curriculum is not as the tests expect.
public enum BundledCurriculumError: Error, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let id): "The bundled curriculum has no programme called '\(id)'."
        }
    }
}
