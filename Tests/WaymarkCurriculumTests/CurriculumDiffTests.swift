import Foundation
import Testing
import WaymarkCurriculum

/// What a change of curriculum changes, by the ids progress refers to.
@Suite struct CurriculumDiffTests {
    @Test func theSameCurriculumChangesNothing() throws {
        let bundled = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".").curriculum
        #expect(CurriculumDiff.between(bundled, bundled).isEmpty)
    }

    @Test func passMarksQuestionsAndModulesAreListedWithTheModulesTheyReach() throws {
        let bundled = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".").curriculum
        let copy = try TemporaryCurriculum.copyOfBundled()
        try copy.edit("Assessments/peer-mentoring/role-check.xml", replacing: "pass-mark=\"70\"", with: "pass-mark=\"85\"")
        try copy.edit("Assessments/peer-mentoring/role-check.xml", replacing: "id=\"not-the-role\"", with: "id=\"not-the-job\"")
        try copy.edit(
            "Curriculum/peer-mentoring/programme.xml",
            replacing: "assessment=\"power-and-voice-check\" requires=\"lived-experience\"/>",
            with: "assessment=\"power-and-voice-check\" requires=\"lived-experience\" optional=\"true\"/>"
        )
        let report = try copy.load()
        #expect(report.isValid, "\(report.diagnostics)")
        let changes = CurriculumDiff.between(bundled, report.curriculum).changes

        let passMark = try #require(changes.first { $0.subject == .passMark })
        #expect(passMark.id == "role-check" && passMark.kind == .changed && passMark.detail == "70% → 85%" && passMark.moduleIDs == ["role"])
        #expect(passMark.sentence == "Pass mark role-check changes: 70% → 85%.")
        #expect(changes.contains { $0.subject == .question && $0.id == "role-check/not-the-role" && $0.kind == .removed })
        #expect(changes.contains { $0.subject == .question && $0.id == "role-check/not-the-job" && $0.kind == .added })
        let module = try #require(changes.first { $0.subject == .module })
        #expect(module.id == "power-and-voice" && module.detail == "now optional")
        #expect(changes.count == 4, "\(changes.map(\.sentence))")
    }

    @Test func aProgrammeTakenAwayAndAModuleAddedAreSaidPlainly() throws {
        let bundled = try CurriculumLoader().load(from: repositoryRoot, displayRoot: ".").curriculum
        var changed = bundled
        changed.programmes.removeAll { $0.id == "volunteer-induction" }
        let index = try #require(changed.programmes.firstIndex { $0.id == "peer-mentoring" })
        var extra = changed.programmes[index].modules[0]
        extra.id = "new-module"
        changed.programmes[index].modules.append(extra)
        let changes = CurriculumDiff.between(bundled, changed).changes
        #expect(changes.contains { $0.subject == .programme && $0.id == "volunteer-induction" && $0.kind == .removed })
        let added = try #require(changes.first { $0.id == "new-module" })
        #expect(added.kind == .added && added.reachesEveryone && added.sentence == "Module new-module is new: required.")
    }
}

/// The files a curriculum version keeps.
@Suite struct CurriculumContentTests {
    @Test func everyFileComesBackByteForByteAndHiddenOnesAreLeftOut() throws {
        let copy = try TemporaryCurriculum.copyOfBundled()
        try FileManager.default.createDirectory(at: copy.url.appendingPathComponent("Assessments/peer-mentoring/media"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 255]).write(to: copy.url.appendingPathComponent("Assessments/peer-mentoring/media/door.png"))
        try copy.write("Curriculum/.notes.txt", "not part of it")
        let content = try CurriculumContent.read(from: copy.url)
        #expect(content.files.contains { $0.path == "Assessments/peer-mentoring/media/door.png" && $0.bytes == [0x89, 0x50, 0x4E, 0x47, 0, 255] })
        #expect(!content.files.contains { $0.path.contains(".notes") })
        #expect(content.files.map(\.path) == content.files.map(\.path).sorted())

        let written = try TemporaryCurriculum([:])
        try content.write(to: written.url)
        #expect(try CurriculumContent.read(from: written.url) == content)
        #expect(try written.load().isValid)
    }

    @Test func aStoredPathThatWouldLeaveTheFolderIsRefused() throws {
        let target = try TemporaryCurriculum([:])
        for path in ["../escape.xml", "Curriculum/../../escape.xml", "/etc/passwd", "Other/file.xml", "Curriculum//a.xml"] {
            #expect(throws: CurriculumFolderError.self) { try CurriculumContent(files: [.init(path: path, bytes: [1])]).write(to: target.url) }
        }
    }
}
