import Foundation
import Testing
import WaymarkTestSupport

/// A new, empty folder for one import, removed by the caller.
func temporaryImportFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-import-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// `waymark import`, run as a trainer would, on the project's own sample files (`Tests/Samples`).
@Suite struct ImportCommandTests {
    func moodle(_ name: String) -> String { SampleFiles.url("moodle-xml/\(name)").path }

    @Test func writesWhatItCanAndExitsThreeWhenSomeWereSkipped() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments =
            ["import", "moodle", moodle("every-type.xml"), moodle("skipped-types.xml"), moodle("embedded-media.xml")]
            + ["--out", "Assessments/p/bank.xml", "--title", "Imported bank", "--pass-mark", "60"]
        let result = try runWaymark(arguments, in: folder)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("skipped-types.xml:9: skipped \"Choose the word\" (gapselect)\n"))
        #expect(result.stdout.contains("every-type.xml:46: imported \"Gifts\" (truefalse) as true-false gifts\n"))
        #expect(result.stdout.hasSuffix("Wrote Assessments/p/bank.xml: 9 imported (3 with warnings), 6 skipped, 3 media files.\n"))
        let written = try String(contentsOf: folder.appendingPathComponent("Assessments/p/bank.xml"), encoding: .utf8)
        #expect(written.contains(#"<assessment xmlns="urn:waymark:curriculum:1" id="bank" pass-mark="60">"#))
        #expect(written.contains("<title>Imported bank</title>"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Assessments/p/media/bank/door.png").path))

        // The same import again gives the same bytes.
        _ = try runWaymark(arguments, in: folder)
        #expect(try String(contentsOf: folder.appendingPathComponent("Assessments/p/bank.xml"), encoding: .utf8) == written)
    }

    @Test func aDryRunWritesNothingAndExitsZeroWhenAllCameIn() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runWaymark(["import", "moodle", moodle("every-type.xml"), "--out", "Assessments/p/all.xml", "--dry-run"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("Dry run, nothing written to Assessments/p/all.xml: 8 imported (2 with warnings), 0 skipped.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Assessments").path))
    }

    @Test func exitsOneAndWritesNothingWhenNothingCameIn() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try runWaymark(["import", "moodle", moodle("skipped-types.xml"), "--out", "bad.xml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("The grades 33 (line 31), 33 (line 32) and 33 (line 33) are not allowed"))
        #expect(result.stdout.hasSuffix("Nothing written: no question could be imported. 0 imported, 6 skipped.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.xml").path))
    }

    @Test(arguments: [
        (["import", "moodle", "missing.xml", "--out", "x.xml"], "The file 'missing.xml' does not exist."),
        (["import", "moodle", "README.md"], "Say where to write the assessment with --out"),
        (["import", "qti", "README.md", "--dry-run", "--pass-mark", "120"], "--pass-mark must be between 0 and 100."),
        (["import", "qti", "README.md", "--dry-run", "--id", "Not An Id"], "is not a Waymark id"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) throws {
        let result = try runWaymark(arguments, in: repositoryRoot)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func reportsAsJSONForScripts() throws {
        let qti = SampleFiles.url("qti/v3p0").path
        let result = try runWaymark(["import", "qti", qti, "--dry-run", "--id", "qti-bank", "--format", "json"], in: repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["imported"] as? Int == 3)
        #expect(json["skipped"] as? Int == 0)
        #expect(json["written"] as? Bool == false)
        let items = try #require(json["items"] as? [[String: Any]])
        #expect(items.compactMap { $0["questionID"] as? String } == ["good-listening3", "gaps-three", "tell-first3"])
    }

    @Test func aPackageInAFolderIsNotedNotCountedAsSkipped() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = folder.appendingPathComponent("bank/pkg")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SampleFiles.url("qti/v3p0/text-entry.xml"), to: package.appendingPathComponent("item.xml"))
        let manifest = #"<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"><resources><resource type="imsqti_item_xmlv3p0" href="item.xml"/></resources></manifest>"#
        try Data(manifest.utf8).write(to: package.appendingPathComponent("imsmanifest.xml"))
        let result = try runWaymark(["import", "qti", "bank", "--dry-run", "--id", "qti-bank"], in: folder)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("bank/pkg/imsmanifest.xml: read as a QTI content package listing 1 item; the manifest itself is not a question.\n"))
        #expect(result.stdout.contains("1 imported"))
        #expect(result.stdout.contains(", 0 skipped"))
        let json = try runWaymark(["import", "qti", "bank", "--dry-run", "--id", "qti-bank", "--format", "json"], in: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((report["notes"] as? [String])?.count == 1)
        #expect(report["skipped"] as? Int == 0)
    }

    @Test func theImportedFilesPassWaymarkValidateInARealCurriculum() throws {
        let folder = try temporaryImportFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["Curriculum", "Assessments"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let moodleImport = try runWaymark(
            ["import", "moodle", moodle("every-type.xml"), moodle("embedded-media.xml"), "--out", "Assessments/peer-mentoring/imported-moodle.xml"],
            in: folder
        )
        #expect(moodleImport.status == 0, "\(moodleImport.stdout)")
        let qtiImport = try runWaymark(
            ["import", "qti", SampleFiles.url("qti/v2p1").path, "--out", "Assessments/peer-mentoring/imported-qti.xml"],
            in: folder
        )
        #expect(qtiImport.status == 3, "\(qtiImport.stdout)")
        let validate = try runWaymark(["validate", "."], in: folder)
        #expect(validate.status == 0, "\(validate.stdout)")
        // Only the "no module uses it yet" warnings: adding the assessment to a module is the trainer's call.
        #expect(validate.stdout.components(separatedBy: "\n").filter { $0.contains(": error:") } == [])
        #expect(validate.stdout.contains("No module in Curriculum/peer-mentoring/programme.xml uses this assessment"))
    }
}
