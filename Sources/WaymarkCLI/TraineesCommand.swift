import ArgumentParser
import Foundation
import WaymarkProgress
import WaymarkStore

/// `waymark trainees ...`.
struct TraineesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainees",
        abstract: "See where trainees stand.",
        subcommands: [ListTrainees.self]
    )
}

/// `waymark trainees list`: stage and next step per trainee, from the summary rows.
struct ListTrainees: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List trainees with their stage and next step.")

    @OptionGroup var data: DataOptions

    @Option(help: "Only this programme (default: every programme with trainees).")
    var programme: String?

    @Option(help: "Only this stage: \(Stage.allCases.map(\.rawValue).joined(separator: ", ")).")
    var stage: Stage?

    func run() async throws {
        try await data.withStore(creating: false) { store in
            let now = Date()
            let programmes: [String]
            if let programme {
                programmes = [programme]
            } else {
                programmes = try await store.programmesWithTrainees()
            }
            var rows: [[String]] = []
            for programmeID in programmes {
                let page = try await store.summaries(programmeID: programmeID, stage: stage, offset: 0, limit: Int.max)
                for summary in page.summaries {
                    rows.append([
                        summary.name, programmeID, summary.stage.label, summary.nextStep,
                        summary.dates.lastActivity.map(Dates.day) ?? "",
                        Self.flags(summary, now: now),
                    ])
                }
            }
            if rows.isEmpty {
                print("No trainees yet. Add one with 'waymark users add --role trainee', or try 'waymark demo'.")
                return
            }
            print(Table.render(header: ["NAME", "PROGRAMME", "STAGE", "NEXT STEP", "LAST ACTIVE", "WARNINGS"], rows: rows), terminator: "")
            print("\(rows.count) trainee\(rows.count == 1 ? "" : "s")")
        }
    }

    /// Time-based warnings worked out now from the summary's dates, plus reflections to review.
    static func flags(_ summary: TraineeSummary, now: Date) -> String {
        var flags = Progression.timeWarnings(summary.dates, now: now).map { warning -> String in
            switch warning {
            case .supervisionOverdue(let since): "supervision overdue since \(Dates.day(since))"
            case .certificateExpiring(let on): "certificate expires \(Dates.day(on))"
            case .reflectionAwaitingReview: "reflection to review"
            }
        }
        if summary.reflectionsAwaitingReview > 0 {
            flags.append("\(summary.reflectionsAwaitingReview) reflection\(summary.reflectionsAwaitingReview == 1 ? "" : "s") to review")
        }
        return flags.joined(separator: "; ")
    }
}
