import Foundation
import WaymarkImport
import WaymarkXML

/// The report `waymark import` prints.
enum ImportReportOutput {
    /// One line per source question, its warnings or reason indented below, then a summary.
    static func text(_ outcome: ImportOutcome, out: String?, dryRun: Bool, written: Bool) -> String {
        let report = outcome.report
        var text = ""
        for item in report.items {
            let what: String
            switch item.status {
            case .imported: what = "imported"
            case .importedWithWarnings: what = "imported with warnings"
            case .skipped: what = "skipped"
            }
            var line = "\(item.place): \(what) \"\(item.name)\" (\(item.type))"
            if let id = item.questionID, let type = item.waymarkType { line += " as \(type) \(id)" }
            text += line + "\n"
            for message in item.messages { text += "    \(message)\n" }
        }
        for note in report.notes { text += note + "\n" }
        for diagnostic in report.diagnostics { text += diagnostic.description + "\n" }
        text += summary(outcome, out: out, dryRun: dryRun, written: written) + "\n"
        return text
    }

    static func summary(_ outcome: ImportOutcome, out: String?, dryRun: Bool, written: Bool) -> String {
        let report = outcome.report
        var counts = "\(report.importedCount + report.warningCount) imported"
        if report.warningCount > 0 { counts += " (\(report.warningCount) with warnings)" }
        counts += ", \(report.skippedCount) skipped"
        if !report.media.isEmpty { counts += ", \(report.media.count) media file\(report.media.count == 1 ? "" : "s")" }
        if outcome.xml == nil { return "Nothing written: no question could be imported. \(counts)." }
        if report.hasErrors { return "Nothing written: the assessment would not pass validation. \(counts)." }
        if written, let out { return "Wrote \(out): \(counts)." }
        return "Dry run, nothing written\(out.map { " to \($0)" } ?? ""): \(counts)."
    }

    /// The same report for scripts.
    static func json(_ outcome: ImportOutcome, out: String?, dryRun: Bool, written: Bool) -> String {
        struct Output: Encodable {
            var output: String?
            var written: Bool
            var dryRun: Bool
            var imported: Int
            var importedWithWarnings: Int
            var skipped: Int
            var exitStatus: Int32
            var media: [String]
            var items: [ImportItem]
            var notes: [String]
            var diagnostics: [Diagnostic]
        }
        let report = outcome.report
        let output = Output(
            output: out,
            written: written,
            dryRun: dryRun,
            imported: report.importedCount,
            importedWithWarnings: report.warningCount,
            skipped: report.skippedCount,
            exitStatus: report.exitStatus,
            media: report.media,
            items: report.items,
            notes: report.notes,
            diagnostics: report.diagnostics
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(output) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
