import Foundation
import Testing
import WaymarkTestSupport

/// `waymark curriculum diff OLD NEW`: the changes, and with the data folder the trainees each touches.
@Suite struct CurriculumDiffCommandTests {
    @Test func aRaisedPassMarkIsListedWithTheTraineesInProgressItTouches() throws {
        let root = repositoryRoot
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        for folder in ["Curriculum", "Assessments"] {
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        let check = copy.appendingPathComponent("Assessments/peer-mentoring/role-check.xml")
        let text = try String(contentsOf: check, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "id=\"role-check\" pass-mark=\"70\"", with: "id=\"role-check\" pass-mark=\"90\"").utf8).write(to: check)

        let same = try runWaymark(["curriculum", "diff", root.path, root.path])
        #expect(same.status == 0 && same.stdout.hasPrefix("No changes"))

        let plain = try runWaymark(["curriculum", "diff", root.path, copy.path])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "peer-mentoring:\n  changed: Pass mark role-check changes: 70% → 90%.\n1 change.\n")

        let data = DataFolder()
        #expect(try runWaymark(["demo", "--data", data.path]).status == 0)
        let counted = try runWaymark(["curriculum", "diff", root.path, copy.path, "--data", data.path, "--format", "json"])
        #expect(counted.status == 0, "\(counted.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(counted.stdout.utf8)) as? [String: Any])
        let change = try #require((json["changes"] as? [[String: Any]])?.first)
        #expect(change["subject"] as? String == "pass-mark" && change["id"] as? String == "role-check")
        let touched = try #require(change["traineesInProgress"] as? Int)
        let inProgress = try #require((json["traineesInProgress"] as? [String: Int])?["peer-mentoring"])
        #expect(touched >= 1 && touched <= inProgress)

        let broken = copy.appendingPathComponent("Curriculum/peer-mentoring/programme.xml")
        try Data("<programme".utf8).write(to: broken)
        let refused = try runWaymark(["curriculum", "diff", root.path, copy.path])
        #expect(refused.status == 1 && refused.stderr.contains("has errors"))
    }
}
