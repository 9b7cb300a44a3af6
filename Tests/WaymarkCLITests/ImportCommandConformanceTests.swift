import Foundation
import Testing
import WaymarkTestSupport

/// `waymark import`, run as a person would, on other projects' files from `WAYMARK_FIXTURES`.
@Suite(.enabled(if: ConformanceFiles.requested, Comment(rawValue: ConformanceFiles.skipReason)))
struct ImportCommandConformanceTests {
    func moodle(_ name: String) throws -> String { try ConformanceFiles.url("moodle-xml/\(name)").path }

    func moodleFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ConformanceFiles.url("moodle-xml").path).sorted().map(moodle)
    }

    @Test func writesWhatItCanAndExitsThreeWhenSomeWereSkipped() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments =
            ["import", "moodle"] + (try moodleFiles()) + ["--out", "Assessments/p/bank.xml", "--title", "Imported bank", "--pass-mark", "60"]
        let result = try runWaymark(arguments, in: folder)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("(gapselect) as blanks imported-select-missing-words-001"), "\(result.stdout)")
        #expect(result.stdout.contains("negative_invalid_grades.xml:38: skipped \"Question with invalid grades : x > 1 & x < 2\" (multichoice)\n"))
        #expect(result.stdout.contains("truefalse.xml:12: imported \"true-false-001\" (truefalse) as true-false true-false-001\n"))
        #expect(result.stdout.hasSuffix("Wrote Assessments/p/bank.xml: 9 imported (6 with warnings), 1 skipped, 5 media files.\n"))
        let written = try String(contentsOf: folder.appendingPathComponent("Assessments/p/bank.xml"), encoding: .utf8)
        #expect(written.contains(#"<assessment xmlns="urn:waymark:curriculum:1" id="bank" pass-mark="60">"#))
        #expect(written.contains("<title>Imported bank</title>"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Assessments/p/media/bank/flag-france.jpg").path))

        // The same import again gives the same bytes.
        _ = try runWaymark(arguments, in: folder)
        #expect(try String(contentsOf: folder.appendingPathComponent("Assessments/p/bank.xml"), encoding: .utf8) == written)
    }

    @Test func aDryRunWritesNothingAndExitsZeroWhenAllCameIn() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runWaymark(["import", "moodle", try moodle("truefalse.xml"), "--out", "Assessments/p/tf.xml", "--dry-run"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("Dry run, nothing written to Assessments/p/tf.xml: 1 imported, 0 skipped.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Assessments").path))
    }

    @Test func exitsOneAndWritesNothingWhenNothingCameIn() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runWaymark(["import", "moodle", try moodle("negative_invalid_grades.xml"), "--out", "bad.xml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("The grade 33 (line 38) is not allowed"))
        #expect(result.stdout.hasSuffix("Nothing written: no question could be imported. 0 imported, 1 skipped.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.xml").path))
    }

    @Test func reportsAsJSONForScripts() throws {
        let qti = try ConformanceFiles.url("qti").path
        let result = try runWaymark(["import", "qti", qti, "--dry-run", "--id", "qti-bank", "--format", "json"], in: repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["imported"] as? Int == 2)
        #expect(json["importedWithWarnings"] as? Int == 6)
        #expect(json["skipped"] as? Int == 0)
        #expect(json["written"] as? Bool == false)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(
            items.compactMap { $0["questionID"] as? String } == [
                "choice", "choice-multiple", "extended-text", "inline-choice", "match", "order", "text-entry", "choice-multiple-2",
            ]
        )
    }
}

extension ImportCommandConformanceTests {
    @Test func theImportedFilesPassWaymarkValidateInARealCurriculum() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["Curriculum", "Assessments"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let moodleImport = try runWaymark(
            ["import", "moodle"] + (try moodleFiles()) + ["--out", "Assessments/peer-mentoring/imported-moodle.xml"],
            in: folder
        )
        #expect(moodleImport.status == 3)
        let qtiImport = try runWaymark(
            ["import", "qti", try ConformanceFiles.url("qti").path, "--out", "Assessments/peer-mentoring/imported-qti.xml"],
            in: folder
        )
        #expect(qtiImport.status == 0)
        let validate = try runWaymark(["validate", "."], in: folder)
        #expect(validate.status == 0, "\(validate.stdout)")
        // Only the "no module uses it yet" warnings: adding the assessment to a module is the trainer's call.
        #expect(validate.stdout.components(separatedBy: "\n").filter { $0.contains(": error:") } == [])
        #expect(validate.stdout.contains("No module in Curriculum/peer-mentoring/programme.xml uses this assessment"))
    }
}
