import Foundation
import WaymarkCurriculum
import WaymarkXML

/// The report `waymark validate` prints.
enum ValidationReport {
    /// One line per problem, then a summary line such as
    /// `2 programmes, 12 modules, 15 units, 15 assessments, 104 questions: OK`.
    static func text(_ report: CurriculumReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += diagnostic.description + "\n"
        }
        output += summary(report) + "\n"
        return output
    }

    static func summary(_ report: CurriculumReport) -> String {
        let counts = report.curriculum.counts
        let what = [
            plural(counts.programmes, "programme"),
            plural(counts.modules, "module"),
            plural(counts.units, "unit"),
            plural(counts.assessments, "assessment"),
            plural(counts.questions, "question"),
        ].joined(separator: ", ")
        if report.diagnostics.isEmpty { return "\(what): OK" }
        var problems: [String] = []
        if report.errorCount > 0 { problems.append(plural(report.errorCount, "error")) }
        if report.warningCount > 0 { problems.append(plural(report.warningCount, "warning")) }
        return "\(what): \(report.isValid ? "OK with " : "")\(problems.joined(separator: ", "))"
    }

    /// The same diagnostics for editors and CI.
    static func json(_ report: CurriculumReport) -> String {
        struct Output: Encodable {
            var valid: Bool
            var errors: Int
            var warnings: Int
            var counts: Curriculum.Counts
            var diagnostics: [Diagnostic]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let output = Output(
            valid: report.isValid,
            errors: report.errorCount,
            warnings: report.warningCount,
            counts: report.curriculum.counts,
            diagnostics: report.diagnostics
        )
        guard let data = try? encoder.encode(output) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
