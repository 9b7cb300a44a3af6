import ArgumentParser
import Foundation
import WaymarkActions
import WaymarkProgress
import WaymarkStore

/// `waymark trainees ...`.
struct TraineesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainees",
        abstract: "See where trainees stand.",
        subcommands: [ListTrainees.self, RefreshTrainees.self]
    )
}

/// `waymark trainees refresh`: rewrites every trainee's summary row from their record.
struct RefreshTrainees: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Rewrite each trainee's one-line summary (stage, next step) from their record.",
        discussion: """
            The cohort page and 'trainees list' read a summary kept beside each record, rewritten \
            whenever something is recorded. After upgrading Waymark or changing the curriculum, run \
            this once so that every summary reads as this version writes it.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var curriculum: CurriculumOptions

    func run() async throws {
        let loaded = try curriculum.load()
        try await data.withStore(creating: false) { store in
            let enrolments = Enrolments(store: store)
            let now = Date()
            var refreshed = 0
            var skipped: [String] = []
            for programmeID in try await store.programmesWithTrainees() {
                guard let programme = loaded.programme(programmeID) else {
                    skipped.append(programmeID)
                    continue
                }
                let page = try await store.summaries(programmeID: programmeID, stage: nil, offset: 0, limit: Int.max)
                for summary in page.summaries {
                    try await enrolments.rebuildSummary(of: summary.traineeID, on: programme, at: now)
                    refreshed += 1
                }
            }
            print("Rewrote \(refreshed) trainee summar\(refreshed == 1 ? "y" : "ies").")
            if !skipped.isEmpty {
                print("Left alone, as the curriculum has no such programme: \(skipped.joined(separator: ", ")).")
            }
        }
    }
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
        let dates = try data.settings.dates()
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
                        summary.dates.lastActivity.map(dates.day) ?? "",
                        Self.flags(summary, now: now, dates: dates),
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
    static func flags(_ summary: TraineeSummary, now: Date, dates: Dates) -> String {
        var flags = Progression.timeWarnings(summary.dates, now: now).map { warning -> String in
            switch warning {
            case .supervisionOverdue(let since): "supervision overdue since \(dates.day(since))"
            case .certificateExpiring(let on): "certificate expires \(dates.day(on))"
            case .reflectionAwaitingReview: "reflection to review"
            }
        }
        if summary.reflectionsAwaitingReview > 0 {
            flags.append("\(summary.reflectionsAwaitingReview) reflection\(summary.reflectionsAwaitingReview == 1 ? "" : "s") to review")
        }
        return flags.joined(separator: "; ")
    }
}
