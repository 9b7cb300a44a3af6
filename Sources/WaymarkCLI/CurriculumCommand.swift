import ArgumentParser
import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// `waymark curriculum ...`: commands about curriculum versions.
struct CurriculumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curriculum",
        abstract: "Compare curriculum folders.",
        subcommands: [CurriculumDiffCommand.self]
    )
}

/// `waymark curriculum diff OLD NEW`: what a change of curriculum does to people in progress.
struct CurriculumDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List the modules, readings, checks, questions and pass marks added, taken away or changed from OLD_DIR to NEW_DIR.",
        discussion: """
            Each folder holds Curriculum/ and Assessments/, and both must pass 'waymark validate'. With --data or --database, \
            each change also says how many trainees in progress it touches: enrolled, not finished, and with something done \
            in that module (a module added as required touches everyone in progress).
            """
    )

    @Argument(help: "The curriculum folder in use now.")
    var oldDirectory: String

    @Argument(help: "The curriculum folder you mean to use.")
    var newDirectory: String

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var data: DataOptions

    func run() async throws {
        let old = try Self.load(oldDirectory)
        let new = try Self.load(newDirectory)
        let diff = CurriculumDiff.between(old, new)
        var reach: ChangeReach?
        if data.directory != nil || data.database != nil {
            reach = try await data.withStore(creating: false) { store in
                try await ChangeReach.counting(diff, running: old, in: store, now: Date())
            }
        }
        switch format {
        case .text: print(Self.text(diff, reach: reach), terminator: "")
        case .json: print(try Self.json(diff, reach: reach))
        }
    }

    static func load(_ directory: String) throws -> Curriculum {
        try CurriculumOptions.load(directory, advice: "\(directory) has errors; fix them first (waymark validate \(directory)).")
    }

    static func text(_ diff: CurriculumDiff, reach: ChangeReach?) -> String {
        guard !diff.isEmpty else { return "No changes: the two curricula have the same modules, readings, checks, questions and pass marks.\n" }
        var lines: [String] = []
        var programme = ""
        for change in diff.changes {
            if change.programmeID != programme {
                programme = change.programmeID
                let inProgress = reach.map { " (\($0.inProgress(programmeID: programme)) trainees in progress)" } ?? ""
                lines.append("\(programme)\(inProgress):")
            }
            let touched = reach.map { reach in
                let count = reach.count(change)
                return count == 1 ? " Touches 1 trainee in progress." : " Touches \(count) trainees in progress."
            } ?? ""
            lines.append("  \(change.kind.rawValue): \(change.sentence)\(touched)")
        }
        lines.append("\(diff.changes.count) \(diff.changes.count == 1 ? "change" : "changes").")
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ diff: CurriculumDiff, reach: ChangeReach?) throws -> String {
        struct Line: Encodable {
            var programme: String
            var subject: String
            var id: String
            var kind: String
            var detail: String
            var sentence: String
            var traineesInProgress: Int?
        }
        struct Output: Encodable {
            var changes: [Line]
            var traineesInProgress: [String: Int]?
        }
        let programmes = Set(diff.changes.map(\.programmeID))
        let output = Output(
            changes: diff.changes.map { change in
                Line(
                    programme: change.programmeID,
                    subject: change.subject.rawValue,
                    id: change.id,
                    kind: change.kind.rawValue,
                    detail: change.detail,
                    sentence: change.sentence,
                    traineesInProgress: reach?.count(change)
                )
            },
            traineesInProgress: reach.map { reach in Dictionary(uniqueKeysWithValues: programmes.map { ($0, reach.inProgress(programmeID: $0)) }) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
